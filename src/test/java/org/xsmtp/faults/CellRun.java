package org.xsmtp.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xsmtp.peers.OpenFiles;
import org.xsmtp.peers.Poll;
import org.xsmtp.peers.SinkMessage;
import org.xsmtp.peers.SmtpSinkPeer;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpConnectException;
import org.xsmtp.smtp.SmtpException;
import org.xsmtp.smtp.SmtpOptions;
import org.xsmtp.smtp.SmtpOutcomeUnknownException;
import org.xsmtp.smtp.SmtpRecipientsRefusedException;
import org.xsmtp.testkit.Bounded;

/**
 * Runs one cell: a fresh smtp-sink with the cell's fault and capture on, a client with 1 s limits that sends
 * one message to two recipients and closes, all under a bound of ten times the client's limit; then waits
 * until smtp-sink has let go of every dump file (a transaction cut short is deleted, a completed one kept)
 * and reads what it captured.
 */
final class CellRun {
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration BOUND = Duration.ofSeconds(10);
    static final List<String> RECIPIENTS = List.of("b1@example.net", "b2@example.net");
    static final String MESSAGE = "Subject: fault\r\n\r\nbody\r\n";

    private CellRun() {
    }

    static Observation run(Cell cell) {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags(cell.sinkFlags().toArray(String[]::new)).capture()
                .start()) {
            SmtpClient client = new SmtpClient(SmtpOptions.builder().localHostname("client.test")
                    .pipelining(cell.pipelining()).timeout(CLIENT_TIMEOUT).build());
            Throwable[] closeFailure = new Throwable[1];
            Bounded.Outcome<List<RecipientResult>> outcome = Bounded.run(BOUND, () -> {
                try {
                    send(client, sink.port());
                    return client.lastRecipientResults();
                } finally {
                    try {
                        client.close();
                    } catch (SmtpException e) {
                        closeFailure[0] = e;
                    }
                }
            });
            if (outcome.hung()) {
                client.abort();
            }
            List<RecipientResult> recipients = outcome.failure() == null ? outcome.value()
                    : recipientsOf(outcome.failure(), client);
            return new Observation(outcome.failure(), closeFailure[0], recipients, settled(sink), outcome.hung());
        }
    }

    private static void send(SmtpClient client, int port) throws Exception {
        Reply greeting = client.connect("127.0.0.1", port);
        if (greeting.code() != 220) {
            client.abort();
            throw new SmtpConnectException(greeting.code(), greeting.message(), "connect");
        }
        client.sendmail("a@example.org", RECIPIENTS, MESSAGE);
    }

    private static List<RecipientResult> recipientsOf(Throwable failure, SmtpClient client) {
        if (failure instanceof SmtpRecipientsRefusedException refused) {
            return refused.results();
        }
        if (failure instanceof SmtpOutcomeUnknownException unknown) {
            return unknown.recipients();
        }
        return client.lastRecipientResults();
    }

    /** The captured messages once smtp-sink holds no dump file open (it may still be sitting out a delay). */
    private static List<SinkMessage> settled(SmtpSinkPeer sink) {
        Path dumps = sink.dumpDirectory();
        Poll.until(Duration.ofSeconds(3 * Fault.DELAY_SECONDS), "smtp-sink to close its dump files",
                () -> OpenFiles.of(sink.process().pid()).stream().noneMatch(p -> p.startsWith(dumps)),
                () -> sink.process().describe());
        return sink.messages();
    }
}
