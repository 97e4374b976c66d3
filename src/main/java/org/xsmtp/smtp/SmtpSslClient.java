package org.xsmtp.smtp;

import java.io.IOException;

/** SMTP over implicit TLS, like {@code smtplib.SMTP_SSL}: TLS from the first byte (default port 465), with certificate and host name checks. */
public class SmtpSslClient extends SmtpClient {

    /** A client that is not connected yet. */
    public SmtpSslClient() {
        super(Kind.SMTPS, SmtpOptions.defaults());
    }

    /** @param options settings; the client is not connected yet */
    public SmtpSslClient(SmtpOptions options) {
        super(Kind.SMTPS, options);
    }

    /**
     * Connects.
     *
     * @param host host name or address (for LMTP also a Unix socket path); empty to stay unconnected
     * @param port port, 0 for the default
     * @throws SmtpConnectException when the greeting is not 220
     * @throws IOException when the connection cannot be made
     */
    public SmtpSslClient(String host, int port) throws IOException {
        super(Kind.SMTPS, host, port, SmtpOptions.defaults());
    }

    /**
     * Connects with the given settings.
     *
     * @param host host name or address (for LMTP also a Unix socket path); empty to stay unconnected
     * @param port port, 0 for the default
     * @param options settings
     * @throws SmtpConnectException when the greeting is not 220
     * @throws IOException when the connection cannot be made
     */
    public SmtpSslClient(String host, int port, SmtpOptions options) throws IOException {
        super(Kind.SMTPS, host, port, options);
    }
}
