package org.xsmtp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generated test PKI, checked with the JDK's PKIX validation and with GreenMail. */
@Timeout(60)
class TestCertificatesTest {

    private static List<String> subjectAltNames(X509Certificate cert) throws Exception {
        return cert.getSubjectAlternativeNames().stream()
                .map(san -> san.get(1).toString())
                .collect(Collectors.toList());
    }

    private static X509Certificate[] chain(ServerCertificate server) {
        return new X509Certificate[] {TestCertificates.readCertificate(server.certPem())};
    }

    @Test
    void caSignedCertificatesAreTrustedAndCarryTheirNames() throws Exception {
        TestCertificates certs = TestCertificates.get();
        X509TrustManager trust = certs.trustManagerForCa();
        trust.checkServerTrusted(chain(certs.localhost()), "RSA");
        trust.checkServerTrusted(chain(certs.wrongHost()), "RSA");
        assertEquals(List.of("localhost", "127.0.0.1"), subjectAltNames(chain(certs.localhost())[0]));
        assertEquals(List.of("wrong.example"), subjectAltNames(chain(certs.wrongHost())[0]));
        assertEquals(1, trust.getAcceptedIssuers().length);
    }

    @Test
    void theSelfSignedLocalhostCertificateIsNotTrusted() throws Exception {
        TestCertificates certs = TestCertificates.get();
        assertEquals(List.of("localhost", "127.0.0.1"), subjectAltNames(chain(certs.untrusted())[0]));
        assertThrows(CertificateException.class,
                () -> certs.trustManagerForCa().checkServerTrusted(chain(certs.untrusted()), "RSA"));
    }

    /**
     * GreenMail reads its keystore properties once per JVM; this holds as long as no other
     * test in the same JVM started a GreenMail TLS server with other properties before.
     */
    @Test
    void greenMailSmtpsPresentsTheLocalhostCertificateFromTheKeystoreProperties() throws Exception {
        TestCertificates certs = TestCertificates.get();
        certs.useLocalhostForGreenMail();
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
        try (RawSmtp smtp = RawSmtp.connectTls(greenMail.getSmtps().getPort(), certs.clientContextTrustingCa())) {
            X509Certificate served = (X509Certificate) smtp.tlsSession().getPeerCertificates()[0];
            assertEquals("CN=localhost", served.getSubjectX500Principal().getName());
            assertTrue(smtp.reply().startsWith("220 "));
            assertTrue(smtp.command("EHLO client.test").startsWith("250"));
        } finally {
            greenMail.stop();
        }
    }
}
