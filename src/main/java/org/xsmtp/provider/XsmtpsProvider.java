package org.xsmtp.provider;

import jakarta.mail.Provider;

/**
 * Registers the {@code xsmtps} transport ({@link XsmtpSslTransport}, SMTP over implicit TLS) with Jakarta Mail through
 * {@code META-INF/services/jakarta.mail.Provider}.
 */
public class XsmtpsProvider extends Provider {

    /** The {@code xsmtps} transport provider, vendor {@code xsmtp}. */
    public XsmtpsProvider() {
        super(Type.TRANSPORT, "xsmtps", XsmtpSslTransport.class.getName(), "xsmtp",
                XsmtpsProvider.class.getPackage().getImplementationVersion());
    }
}
