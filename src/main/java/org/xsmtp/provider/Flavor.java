package org.xsmtp.provider;

import jakarta.mail.MessagingException;
import org.xsmtp.smtp.LmtpClient;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpOptions;
import org.xsmtp.smtp.SmtpSslClient;

/** What sets the three transports apart: protocol name, Angus prefix to fall back to, default port, engine. */
enum Flavor {
    /** SMTP, with implicit TLS when {@code ssl.enable} is set (as Angus's {@code smtp}). */
    XSMTP("xsmtp", "smtp", SmtpClient.SMTP_PORT),
    /** SMTP over implicit TLS. */
    XSMTPS("xsmtps", "smtps", SmtpClient.SMTP_SSL_PORT),
    /** LMTP over TCP or a Unix socket. */
    XLMTP("xlmtp", "smtp", SmtpClient.LMTP_PORT);

    final String protocol;
    final String fallback;
    final int defaultPort;

    Flavor(String protocol, String fallback, int defaultPort) {
        this.protocol = protocol;
        this.fallback = fallback;
        this.defaultPort = defaultPort;
    }

    /** @return whether the connection is TLS from the first byte */
    boolean implicitTls(TransportConfig config) {
        return this == XSMTPS || this == XSMTP && config.sslEnable();
    }

    SmtpClient newClient(TransportConfig config, ProviderProperties props, SmtpOptions options)
            throws MessagingException {
        if (this == XLMTP) {
            if (config.sslEnable()) {
                throw props.invalid("ssl.enable", "true", "false: xlmtp has no implicit TLS; use starttls.enable");
            }
            return new LmtpClient(options);
        }
        return implicitTls(config) ? new SmtpSslClient(options) : new SmtpClient(options);
    }
}
