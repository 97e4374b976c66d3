package org.xsmtp.smtp;

/** The three protocols a client speaks; each fixes the default port, the greeting verb and the transport. */
enum Kind {
    SMTP(SmtpClient.SMTP_PORT, "EHLO", false),
    SMTPS(SmtpClient.SMTP_SSL_PORT, "EHLO", true),
    LMTP(SmtpClient.LMTP_PORT, "LHLO", false);

    final int defaultPort;
    final String helloVerb;
    final boolean implicitTls;

    Kind(int defaultPort, String helloVerb, boolean implicitTls) {
        this.defaultPort = defaultPort;
        this.helloVerb = helloVerb;
        this.implicitTls = implicitTls;
    }
}
