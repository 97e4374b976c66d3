package org.xsmtp.cli;

import java.io.IOException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.xsmtp.smtp.SmtpAuthenticationException;
import org.xsmtp.smtp.SmtpConnectException;
import org.xsmtp.smtp.SmtpDataException;
import org.xsmtp.smtp.SmtpHeloException;
import org.xsmtp.smtp.SmtpNotSupportedException;
import org.xsmtp.smtp.SmtpOutcomeUnknownException;
import org.xsmtp.smtp.SmtpResponseException;
import org.xsmtp.smtp.SmtpSecurityException;
import org.xsmtp.smtp.SmtpSenderRefusedException;

/** Turns what the engine throws into a message and a {@code sysexits.h} status; the table is in README.md. */
final class Failures {
    private Failures() {
    }

    /**
     * @param e a failure of a send
     * @return the message and exit status to end with
     */
    static CliFailure of(Throwable e) {
        InputFailure input = find(e, InputFailure.class);
        if (input != null) {
            return new CliFailure(ExitCode.IOERR, input.getMessage(), e);
        }
        if (e instanceof SmtpOutcomeUnknownException) {
            return new CliFailure(ExitCode.TEMPFAIL, "the message MAY HAVE BEEN DELIVERED: it was sent completely,"
                    + " but the connection was lost before the server's verdict; check before sending it again ("
                    + e.getMessage() + ")", e);
        }
        if (e instanceof SmtpResponseException r) {
            return reply(r);
        }
        if (e instanceof SmtpSecurityException) {
            return new CliFailure(ExitCode.NOPERM, e.getMessage(), e);
        }
        if (e instanceof SmtpNotSupportedException) {
            return new CliFailure(ExitCode.UNAVAILABLE, e.getMessage(), e);
        }
        if (find(e, SSLException.class) != null || find(e, CertificateException.class) != null) {
            return new CliFailure(ExitCode.NOPERM, "TLS failed, nothing was sent: " + e.getMessage(), e);
        }
        if (find(e, UnknownHostException.class) != null) {
            return new CliFailure(ExitCode.NOHOST, e.getMessage(), e);
        }
        if (e instanceof IOException) {
            return new CliFailure(ExitCode.TEMPFAIL, e.getMessage() + " (not delivered; try again later)", e);
        }
        if (e instanceof IllegalArgumentException) {
            return new CliFailure(ExitCode.DATAERR, e.getMessage(), e);
        }
        return new CliFailure(ExitCode.SOFTWARE, "internal error: " + e, e);
    }

    private static CliFailure reply(SmtpResponseException r) {
        String what = r instanceof SmtpConnectException ? "the server refused the session: "
                : r instanceof SmtpHeloException ? "the server refused the greeting: "
                : r instanceof SmtpSenderRefusedException ? "the server refused the sender: "
                : r instanceof SmtpAuthenticationException ? "authentication failed: "
                : r instanceof SmtpDataException ? "the server refused the message: "
                : "the server refused: ";
        String message = what + r.getMessage();
        if (r.isTransient()) {
            return new CliFailure(ExitCode.TEMPFAIL, message + " (temporary; try again later)", r);
        }
        if (!r.isPermanent() || isMalformed(r)) {
            return new CliFailure(ExitCode.PROTOCOL, "protocol error: " + r.getMessage(), r);
        }
        if (r instanceof SmtpAuthenticationException) {
            return new CliFailure(ExitCode.NOPERM, message, r);
        }
        return new CliFailure(r instanceof SmtpDataException ? ExitCode.DATAERR : ExitCode.UNAVAILABLE, message, r);
    }

    /** The engine reports a reply it could not parse as smtplib does: a 500 without a command. */
    private static boolean isMalformed(SmtpResponseException r) {
        return r.command() == null && r.code() == 500
                && (r.error().startsWith("Malformed reply") || r.error().equals("Line too long."));
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
