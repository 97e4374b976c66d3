package org.xsmtp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.xsmtp.message.BccStrippingInputStream;
import org.xsmtp.message.Envelope;
import org.xsmtp.message.RawHeaderBlock;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpRecipientsRefusedException;

/**
 * Sends one message from standard input (up to a line holding a single dot, unless {@code -i}) or
 * {@code --file}, streamed: the header section is read for the envelope, then the whole message goes to the
 * server as it is read, without its Bcc and Resent-Bcc fields and otherwise unchanged (line ends become CRLF
 * on the wire).
 */
final class SingleSend {
    private SingleSend() {
    }

    /**
     * @param s the settings
     * @param stdin standard input
     * @param out where the embedded server's stored message is printed
     * @param err where refusals, notes and the wire trace go
     * @param env the environment
     * @return {@link ExitCode#OK}, or the status of a partial or total refusal
     * @throws CliFailure for every other failure
     */
    static ExitCode run(Settings s, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env)
            throws CliFailure {
        try (InputStream in = new TaggedInput(input(s, stdin))) {
            RawHeaderBlock headers = readHeaders(in);
            Envelope envelope = EnvelopeChoice.of(headers, s);
            try (Target target = Target.open(s, env, err)) {
                SubmitOptions options = SubmitOptions.of(s, target.client());
                ExitCode code = send(target.client(), envelope, options,
                        new BccStrippingInputStream(headers.remainder()), err);
                target.finish(out, err, true);
                return code;
            }
        } catch (IOException e) {
            throw Failures.of(e);
        }
    }

    /**
     * Standard input ends, as with sendmail, at a line holding a single dot unless {@code -i} or {@code -oi}
     * was given; a {@code --file} is always read to its end.
     */
    private static InputStream input(Settings s, InputStream stdin) throws CliFailure {
        InputStream raw = MessageFile.open(s.file, stdin);
        return s.file == null && !s.ignoreDots ? new DotLineEnd(raw) : raw;
    }

    private static RawHeaderBlock readHeaders(InputStream in) throws CliFailure {
        try {
            return RawHeaderBlock.read(in);
        } catch (InputFailure e) {
            throw new CliFailure(ExitCode.IOERR, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.DATAERR, e.getMessage(), e);
        }
    }

    private static ExitCode send(SmtpClient client, Envelope envelope, SubmitOptions options, InputStream content,
            PrintStream err) throws CliFailure {
        try {
            Map<String, Reply> refused = client.sendmail(envelope.sender(), envelope.recipients(), content,
                    options.mail(envelope), options.rcpt());
            if (refused.isEmpty()) {
                return ExitCode.OK;
            }
            List<RecipientResult> results = client.lastRecipientResults();
            int count = Refusals.print(results, "", err);
            err.println("xsmtp: " + count + " of " + results.size() + " recipient(s) refused; the others got the"
                    + " message");
            return Refusals.status(results);
        } catch (SmtpRecipientsRefusedException e) {
            Refusals.print(e.results(), "", err);
            err.println("xsmtp: every recipient was refused; the message was not delivered");
            return Refusals.status(e.results());
        } catch (IOException | RuntimeException e) {
            throw Failures.of(e);
        }
    }
}
