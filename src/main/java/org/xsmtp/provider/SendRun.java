package org.xsmtp.provider;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpRecipientsRefusedException;
import org.xsmtp.smtp.SmtpResponseException;
import org.xsmtp.smtp.SmtpSenderRefusedException;

/**
 * One {@code sendMessage}: hands the message to the engine with the envelope and DSN parameters the
 * configuration asks for, then turns what happened into a {@link DeliveryReport} and, when Angus would throw,
 * an {@link SmtpSendFailedException}.
 */
final class SendRun {
    /**
     * @param report who got the message
     * @param failure what to throw after the event, or null
     */
    record Outcome(DeliveryReport report, SmtpSendFailedException failure) {
    }

    private final SmtpClient client;
    private final TransportConfig config;

    SendRun(SmtpClient client, TransportConfig config) {
        this.client = client;
        this.config = config;
    }

    /** @return the outcome of a send that could not start because the connection could not be reopened */
    static Outcome notConnected(List<InternetAddress> recipients, MessagingException cause) {
        DeliveryReport report = DeliveryReport.nothingSent(recipients);
        return new Outcome(report, failure("the message was not sent: the connection was lost and reconnecting "
                + "failed: " + cause.getMessage(), cause, report, null, null));
    }

    Outcome send(MimeMessage message, List<InternetAddress> recipients) {
        boolean dsn = client.hasExtn("dsn");
        List<String> mailOptions = dsn && config.dsnRet() != null ? List.of("RET=" + config.dsnRet()) : List.of();
        List<String> rcptOptions = dsn && config.dsnNotify() != null ? List.of("NOTIFY=" + config.dsnNotify())
                : List.of();
        List<RecipientResult> before = client.lastRecipientResults();
        try {
            client.sendMessage(message, config.from(), EnvelopeChoice.recipients(message, recipients), mailOptions,
                    rcptOptions);
        } catch (Exception e) {
            // the engine makes a new result list per transaction: the same list means none was started
            List<RecipientResult> after = client.lastRecipientResults();
            DeliveryReport report = after == before ? DeliveryReport.nothingSent(recipients)
                    : e instanceof SmtpSenderRefusedException ? DeliveryReport.nothingSent(after, recipients)
                    : DeliveryReport.of(after, recipients);
            return new Outcome(report, failure(e, report));
        }
        DeliveryReport report = DeliveryReport.of(client.lastRecipientResults(), recipients);
        if (report.eventType() != jakarta.mail.event.TransportEvent.MESSAGE_DELIVERED) {
            RecipientResult first = report.firstFailure();
            return new Outcome(report, failure("the message was sent to " + report.sent().size() + " of "
                    + report.results().size() + " recipients; not sent to: " + report.failures(), null, report,
                    first.decisive(), command(first)));
        }
        if (config.reportSuccess()) {
            RecipientResult first = report.results().get(0);
            return new Outcome(report, failure("the message was sent to every recipient (reported because mail."
                    + config.protocol() + ".reportsuccess is true)", null, report, first.finalReply(),
                    "end of data"));
        }
        return new Outcome(report, null);
    }

    private static SmtpSendFailedException failure(Exception e, DeliveryReport report) {
        String message = "the message was not sent: " + e.getMessage();
        if (e instanceof SmtpResponseException r) {
            return failure(message, e, report, r.reply(), r.command());
        }
        RecipientResult refused = report.firstRefused();
        if (e instanceof SmtpRecipientsRefusedException && refused != null) {
            return failure(message, e, report, refused.rcptReply(), command(refused));
        }
        return failure(message, e, report, null, null);
    }

    private static SmtpSendFailedException failure(String message, Exception cause, DeliveryReport report,
            Reply reply, String command) {
        return new SmtpSendFailedException(message, cause, DeliveryReport.array(report.sent()),
                DeliveryReport.array(report.unsent()), DeliveryReport.array(report.invalid()),
                reply == null ? -1 : reply.code(), reply == null ? null : reply.enhancedStatus(), command,
                report.results());
    }

    private static String command(RecipientResult r) {
        return r.acceptedAtRcpt() ? "end of data" : "RCPT TO:" + SmtpClient.quoteaddr(r.recipient());
    }
}
