package org.xsmtp.smtp;

import java.io.IOException;
import javax.net.ssl.SSLContext;
import org.xsmtp.wire.CommandEncoder;

/**
 * STARTTLS (RFC 3207) without the classic holes: a refusal is an exception, never a quiet plaintext session
 * (CVE-2016-0772), and anything the server sent after its 220 and before the handshake aborts the connection,
 * since a man in the middle could have injected it to be read as a reply after the upgrade (CVE-2011-0411).
 */
final class StartTls {
    private final CommandChannel ch;
    private final SmtpOptions options;

    StartTls(CommandChannel ch, SmtpOptions options) {
        this.ch = ch;
        this.options = options;
    }

    Reply run(String host, SSLContext context, EsmtpFeatures features) throws IOException {
        if (!features.has("starttls")) {
            throw new SmtpNotSupportedException("STARTTLS extension not supported by server.");
        }
        ch.send(CommandEncoder.encode("STARTTLS", "", false, false), null);
        Reply reply = ch.read(options.timeouts().command(), false);
        if (reply.code() != 220) {
            throw new SmtpResponseException(reply.code(), reply.message(), "STARTTLS");
        }
        if (ch.hasUnreadInput()) {
            ch.close();
            throw new SmtpSecurityException("the server sent data after its 220 reply to STARTTLS, before the TLS "
                    + "handshake: possible command injection by a man in the middle (CVE-2011-0411); "
                    + "connection to " + ch.peer() + " aborted");
        }
        try {
            ch.startTls(Endpoints.tls(host, options, context), options.timeouts().connect());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return reply;
    }
}
