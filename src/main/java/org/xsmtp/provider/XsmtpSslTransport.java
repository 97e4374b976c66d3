package org.xsmtp.provider;

import jakarta.mail.Session;
import jakarta.mail.URLName;

/**
 * The {@code xsmtps} transport: SMTP over implicit TLS (default port 465), with certificate and host name
 * checks. Properties are read as {@code mail.xsmtps.<name>}, falling back to Angus's {@code mail.smtps.<name>};
 * otherwise it is {@link XsmtpTransport}.
 */
public class XsmtpSslTransport extends XsmtpTransport {

    /**
     * Called by {@link Session#getTransport}.
     *
     * @param session the session whose properties configure this transport
     * @param urlname the protocol (and optionally host, port, user) this transport was asked for, or null
     */
    public XsmtpSslTransport(Session session, URLName urlname) {
        super(session, urlname, Flavor.XSMTPS);
    }
}
