package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xsmtp.peers.ServerCertificate;
import org.xsmtp.smtp.TlsFixtures.Mode;
import org.xsmtp.testkit.ScriptedServer;

/**
 * The server certificate is checked by default, for implicit TLS and STARTTLS alike: its chain must lead to a
 * trusted CA and it must name the host connected to. A failed check ends the handshake with an exception
 * and the client sends nothing over the link; skipping the host name check never skips the trust check.
 */
@Timeout(30)
class CertificateCheckTest {

    /** Runs a handshake the client must refuse and returns the client's exception. */
    private static SSLHandshakeException refused(Mode mode, ServerCertificate cert, SmtpOptions options)
            throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> mode.refusedHandshake(s, TlsFixtures.server(cert)))) {
            SmtpClient client = mode.client(options);
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> mode.secure(client, server.port()));
            assertFalse(client.isConnected(), "the connection must be closed after a failed handshake");
            assertEquals(mode.plaintext(), server.transcript(), "nothing may be sent after a failed handshake");
            assertEquals(1, server.tlsFailures().size(), "the server saw the client abort the handshake");
            return e;
        }
    }

    private static CertificateException certificateCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException c) {
                return c;
            }
        }
        throw new AssertionError("no CertificateException among the causes of " + e, e);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCertificateForAnotherHostIsRefusedByDefault(Mode mode) throws Exception {
        SSLHandshakeException e = refused(mode, TlsFixtures.certs().wrongHost(), TlsFixtures.trustingCa().build());
        String why = certificateCause(e).getMessage();
        assertTrue(why.contains("127.0.0.1"), "the host name check must name the address: " + why);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anUntrustedCertificateIsRefused(Mode mode) throws Exception {
        SSLHandshakeException e = refused(mode, TlsFixtures.certs().untrusted(), TlsFixtures.trustingCa().build());
        assertTrue(certificateCause(e).getMessage().contains("PKIX path"), e.toString());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void skippingTheHostNameCheckStillChecksTrust(Mode mode) throws Exception {
        SmtpOptions skip = TlsFixtures.trustingCa().dangerouslySkipHostnameVerification(true).build();
        SSLHandshakeException e = refused(mode, TlsFixtures.certs().untrusted(), skip);
        assertTrue(certificateCause(e).getMessage().contains("PKIX path"), e.toString());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void skippingTheHostNameCheckLetsATrustedCertificateForAnotherHostThrough(Mode mode) throws Exception {
        SmtpOptions skip = TlsFixtures.trustingCa().dangerouslySkipHostnameVerification(true).build();
        try (ScriptedServer server = ScriptedServer.start(
                s -> mode.encryptedEhloAndQuit(s, TlsFixtures.server(TlsFixtures.certs().wrongHost())))) {
            try (SmtpClient client = mode.client(skip)) {
                mode.secure(client, server.port());
                assertEquals(250, client.ehlo().code());
                assertTrue(client.channel().connection().isSecure());
            }
            assertEquals(mode.plaintext() + "EHLO me.test\r\nQUIT\r\n", server.transcript());
            assertEquals(1, server.tlsSessions().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theJdkDefaultTrustStoreDoesNotTrustThePrivateCa(Mode mode) throws Exception {
        SmtpOptions jdkDefault = TlsFixtures.trustingCa().sslContext(null).build();
        SSLHandshakeException e = refused(mode, TlsFixtures.certs().localhost(), jdkDefault);
        assertInstanceOf(CertificateException.class, certificateCause(e));
    }
}
