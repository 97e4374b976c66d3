/**
 * xsmtp: an SMTP/ESMTP/LMTP client engine that behaves like Python's {@code smtplib}
 * ({@link org.xsmtp.smtp}, with SASL mechanisms in {@link org.xsmtp.smtp.auth}) and a Jakarta Mail
 * transport provider ({@link org.xsmtp.provider}: protocols {@code xsmtp}, {@code xsmtps}, {@code xlmtp}).
 *
 * <p>The packages {@code org.xsmtp.wire}, {@code org.xsmtp.net}, {@code org.xsmtp.message} and
 * {@code org.xsmtp.cli} are internal and not exported. The wire trace is logged through
 * {@link System.Logger} {@code org.xsmtp.wire} at {@code DEBUG}.
 *
 * @provides jakarta.mail.Provider the {@code xsmtp}, {@code xsmtps} and {@code xlmtp} transports
 */
module org.xsmtp {
    requires transitive jakarta.mail;
    requires transitive java.security.sasl;

    exports org.xsmtp.smtp;
    exports org.xsmtp.smtp.auth;
    exports org.xsmtp.provider;

    provides jakarta.mail.Provider with
            org.xsmtp.provider.XsmtpProvider,
            org.xsmtp.provider.XsmtpsProvider,
            org.xsmtp.provider.XlmtpProvider;
}
