package org.xsmtp.provider;

import jakarta.mail.Session;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xsmtp.smtp.SmtpOptions;
import org.xsmtp.smtp.SmtpTimeouts;

/** Turns a {@link TransportConfig} into the engine's {@link SmtpOptions} for one connection to {@code host}. */
final class ClientOptions {
    private ClientOptions() {
    }

    static SmtpOptions of(TransportConfig config, Session session, String host) {
        SmtpOptions.Builder b = SmtpOptions.builder()
                .localHostname(config.localhost())
                .timeouts(timeouts(config.timeouts()))
                .allowInsecureAuth(config.allowInsecureAuth())
                .pipelining(config.pipelining())
                .chunking(config.chunking())
                .requireAllRecipients(!config.sendPartial());
        if (config.localAddress() != null || config.localPort() > 0) {
            b.sourceAddress(config.localAddress() == null ? new InetSocketAddress(config.localPort())
                    : new InetSocketAddress(config.localAddress(), config.localPort()));
        }
        TransportConfig.Tls tls = config.tls();
        b.dangerouslySkipHostnameVerification(!tls.checkServerIdentity());
        if (tls.protocols() != null) {
            b.tlsProtocols(tls.protocols());
        }
        if (tls.cipherSuites() != null) {
            b.tlsCipherSuites(tls.cipherSuites());
        }
        if (tls.socketFactory() != null) {
            b.sslSocketFactory(tls.socketFactory());
        } else if (TrustAnyCertificate.covers(tls.trust(), host)) {
            b.sslContext(TrustAnyCertificate.context());
        }
        if (config.authMechanisms() != null && !Mechanisms.tokenOnly(config.authMechanisms())) {
            b.authMechanisms(Mechanisms.password(config.authMechanisms()));
        }
        if (session.getDebug()) {
            b.debugLevel(1).debugOut(session.getDebugOut());
        }
        return b.build();
    }

    private static SmtpTimeouts timeouts(TransportConfig.Timeouts t) {
        SmtpTimeouts rfc = SmtpTimeouts.RFC_5321;
        Duration read = t.read() > 0 ? Duration.ofMillis(t.read()) : null;
        return new SmtpTimeouts(
                t.connect() > 0 ? Duration.ofMillis(t.connect()) : rfc.connect(),
                read != null ? read : rfc.greeting(),
                read != null ? read : rfc.command(),
                read != null ? read : rfc.dataInitiation(),
                t.write() > 0 ? Duration.ofMillis(t.write()) : rfc.dataBlock(),
                read != null ? read : rfc.dataTermination());
    }
}
