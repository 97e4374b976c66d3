package org.xsmtp.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xsmtp.message.BccStrippingOutputStream;
import org.xsmtp.message.Envelope;
import org.xsmtp.message.RawHeaderBlock;
import org.xsmtp.smtp.BatchResult;
import org.xsmtp.smtp.OutboundMessage;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpException;
import org.xsmtp.smtp.SmtpRecipientsRefusedException;
import org.xsmtp.smtp.SmtpServerDisconnectedException;

/**
 * Sends every message of a directory or mbox over one connection with the engine's {@code sendBatch}, a
 * slice at a time (so memory stays bounded and progress can be shown), each message with its own envelope
 * and without its Bcc fields. A failed message is reported and the batch goes on; a lost connection stops it.
 * The exit status is the first failure's.
 */
final class BatchSend {
    private static final int SLICE_MESSAGES = 32;
    private static final int SLICE_BYTES = 8 << 20;

    private final Settings settings;
    private final PrintStream err;
    private final Progress progress;
    private final SubmitOptions options;
    private int done;
    private int failed;
    private ExitCode status = ExitCode.OK;
    private boolean connectionLost;

    private BatchSend(Settings settings, PrintStream err, Progress progress, SubmitOptions options) {
        this.settings = settings;
        this.err = err;
        this.progress = progress;
        this.options = options;
    }

    /**
     * @param s the settings ({@code --batch-dir} or {@code --mbox})
     * @param out where the embedded server's summary goes
     * @param err where failures, progress and the wire trace go
     * @param env the environment
     * @return {@link ExitCode#OK} when every message reached every recipient, else the first failure's status
     * @throws CliFailure when the input or the session cannot be opened
     */
    static ExitCode run(Settings s, PrintStream out, PrintStream err, Map<String, String> env) throws CliFailure {
        boolean terminal = Terminal.stderrIsTerminal();
        try (MessageReader reader = s.batchDir != null ? DirectoryMessages.open(s.batchDir)
                : MboxMessages.open(s.mbox)) {
            Progress progress = new Progress(err, terminal || s.progress, terminal, reader.total());
            try (Target target = Target.open(s, env, err)) {
                BatchSend batch = new BatchSend(s, err, progress, SubmitOptions.of(s, target.client()));
                List<MessageReader.Item> slice;
                while (!batch.connectionLost && !(slice = readSlice(reader)).isEmpty()) {
                    batch.send(target.client(), slice);
                    progress.update(batch.done, batch.failed);
                }
                progress.finish();
                if (batch.connectionLost) {
                    err.println("xsmtp: stopped after " + batch.done + " message(s): the connection was lost");
                }
                err.println("xsmtp: " + (batch.done - batch.failed) + " of " + batch.done + " message(s) sent, "
                        + batch.failed + " failed");
                target.finish(out, err, false);
                return batch.status;
            }
        } catch (InputFailure e) {
            throw new CliFailure(ExitCode.IOERR, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.IOERR, "reading the batch failed: " + e.getMessage(), e);
        }
    }

    private static List<MessageReader.Item> readSlice(MessageReader reader) throws IOException {
        List<MessageReader.Item> slice = new ArrayList<>();
        long bytes = 0;
        MessageReader.Item item;
        while (slice.size() < SLICE_MESSAGES && bytes < SLICE_BYTES && (item = reader.next()) != null) {
            slice.add(item);
            bytes += item.content().length;
        }
        return slice;
    }

    private void send(SmtpClient client, List<MessageReader.Item> slice) throws CliFailure {
        List<OutboundMessage> outbound = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (MessageReader.Item item : slice) {
            done++;
            try {
                outbound.add(prepare(item));
                names.add(item.name());
            } catch (CliFailure e) {
                fail(item.name(), e.code(), e.getMessage());
            }
        }
        if (outbound.isEmpty()) {
            return;
        }
        List<BatchResult> results;
        try {
            results = client.sendBatch(outbound);
        } catch (SmtpException | RuntimeException e) {
            throw Failures.of(e);
        }
        for (BatchResult r : results) {
            report(names.get(r.index()), r);
        }
    }

    private OutboundMessage prepare(MessageReader.Item item) throws CliFailure {
        Envelope envelope;
        ByteArrayOutputStream content = new ByteArrayOutputStream(item.content().length);
        try {
            envelope = EnvelopeChoice.of(RawHeaderBlock.read(new ByteArrayInputStream(item.content())), settings);
            try (BccStrippingOutputStream strip = new BccStrippingOutputStream(content)) {
                strip.write(item.content());
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCode.DATAERR, e.getMessage(), e);
        }
        return new OutboundMessage(envelope.sender(), envelope.recipients(), content.toByteArray(),
                options.mail(envelope), options.rcpt());
    }

    private void report(String name, BatchResult r) {
        String prefix = name + ": ";
        if (r.sent()) {
            if (!r.refused().isEmpty()) {
                progress.finish();
                Refusals.print(r.recipients(), prefix, err);
                firstStatus(Refusals.status(r.recipients()));
            }
            return;
        }
        progress.finish();
        if (r.failure() instanceof SmtpRecipientsRefusedException e) {
            Refusals.print(e.results(), prefix, err);
            fail(name, Refusals.status(e.results()), "every recipient was refused");
        } else {
            CliFailure f = Failures.of(r.failure());
            fail(name, f.code(), f.getMessage());
        }
        if (r.failure() instanceof SmtpServerDisconnectedException) {
            connectionLost = true;
        }
    }

    private void fail(String name, ExitCode code, String message) {
        progress.finish();
        failed++;
        err.println("xsmtp: " + name + ": " + message);
        firstStatus(code);
    }

    private void firstStatus(ExitCode code) {
        if (status == ExitCode.OK) {
            status = code;
        }
    }
}
