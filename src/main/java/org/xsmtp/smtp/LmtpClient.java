package org.xsmtp.smtp;

import java.io.IOException;

/** LMTP (RFC 2033), like {@code smtplib.LMTP} but reading every per-recipient reply: LHLO instead of EHLO (no HELO fallback), default port 2003, and a host starting with {@code /} is a Unix domain socket. After the data, the server answers once per accepted recipient; {@code sendmail} folds the refusals into its map and {@link #lastRecipientResults()} lists every recipient with its own reply. */
public class LmtpClient extends SmtpClient {

    /** A client that is not connected yet. */
    public LmtpClient() {
        super(Kind.LMTP, SmtpOptions.defaults());
    }

    /** @param options settings; the client is not connected yet */
    public LmtpClient(SmtpOptions options) {
        super(Kind.LMTP, options);
    }

    /**
     * Connects.
     *
     * @param host host name or address (for LMTP also a Unix socket path); empty to stay unconnected
     * @param port port, 0 for the default
     * @throws SmtpConnectException when the greeting is not 220
     * @throws IOException when the connection cannot be made
     */
    public LmtpClient(String host, int port) throws IOException {
        super(Kind.LMTP, host, port, SmtpOptions.defaults());
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
    public LmtpClient(String host, int port, SmtpOptions options) throws IOException {
        super(Kind.LMTP, host, port, options);
    }
}
