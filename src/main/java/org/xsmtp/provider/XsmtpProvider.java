package org.xsmtp.provider;

import jakarta.mail.Provider;

/**
 * Registers the {@code xsmtp} transport ({@link XsmtpTransport}, SMTP) with Jakarta Mail through
 * {@code META-INF/services/jakarta.mail.Provider}.
 */
public class XsmtpProvider extends Provider {

    /** The {@code xsmtp} transport provider, vendor {@code xsmtp}. */
    public XsmtpProvider() {
        super(Type.TRANSPORT, "xsmtp", XsmtpTransport.class.getName(), "xsmtp",
                XsmtpProvider.class.getPackage().getImplementationVersion());
    }
}
