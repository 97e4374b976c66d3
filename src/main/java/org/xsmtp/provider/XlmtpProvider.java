package org.xsmtp.provider;

import jakarta.mail.Provider;

/**
 * Registers the {@code xlmtp} transport ({@link XlmtpTransport}, LMTP) with Jakarta Mail through
 * {@code META-INF/services/jakarta.mail.Provider}.
 */
public class XlmtpProvider extends Provider {

    /** The {@code xlmtp} transport provider, vendor {@code xsmtp}. */
    public XlmtpProvider() {
        super(Type.TRANSPORT, "xlmtp", XlmtpTransport.class.getName(), "xsmtp",
                XlmtpProvider.class.getPackage().getImplementationVersion());
    }
}
