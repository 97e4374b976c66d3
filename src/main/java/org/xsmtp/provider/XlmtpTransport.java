package org.xsmtp.provider;

import jakarta.mail.Session;
import jakarta.mail.URLName;

/**
 * The {@code xlmtp} transport: LMTP (RFC 2033, default port 2003); a host starting with {@code /} is a Unix
 * domain socket. Properties are read as {@code mail.xlmtp.<name>}, falling back to {@code mail.smtp.<name>}.
 * After the data, LMTP reports on each recipient: those refused then are valid-unsent in the
 * {@link SmtpSendFailedException}, whatever {@code sendpartial} says, since the others already have the
 * message. Otherwise it is {@link XsmtpTransport}.
 */
public class XlmtpTransport extends XsmtpTransport {

    /**
     * Called by {@link Session#getTransport}.
     *
     * @param session the session whose properties configure this transport
     * @param urlname the protocol (and optionally host, port, user) this transport was asked for, or null
     */
    public XlmtpTransport(Session session, URLName urlname) {
        super(session, urlname, Flavor.XLMTP);
    }
}
