package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xsmtp.peers.ServerCertificate;
import org.xsmtp.smtp.TlsFixtures.Mode;
import org.xsmtp.testkit.ScriptedServer;

/**
 * {@code tlsServerName}: when connecting by address, the name the certificate must carry and the SNI name the
 * client sends (an address itself is never sent as SNI, RFC 6066 section 3).
 */
@Timeout(30)
class TlsServerNameTest {

    /** Connects to 127.0.0.1 with {@code options}, expecting success; returns the SNI names the server saw. */
    private static List<SNIServerName> serverNamesSeen(Mode mode, ServerCertificate cert, SmtpOptions options)
            throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> mode.encryptedEhloAndQuit(s, TlsFixtures.server(cert)))) {
            try (SmtpClient client = mode.client(options)) {
                mode.secure(client, server.port());
                client.ehlo();
            }
            assertEquals(mode.plaintext() + "EHLO me.test\r\nQUIT\r\n", server.transcript());
            return ((ExtendedSSLSession) server.tlsSessions().get(0)).getRequestedServerNames();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void byAddressTheCertificateMustNameTheAddressAndNoSniIsSent(Mode mode) throws Exception {
        assertEquals(List.of(), serverNamesSeen(mode, TlsFixtures.certs().localhost(),
                TlsFixtures.trustingCa().build()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theServerNameIsSentAsSni(Mode mode) throws Exception {
        assertEquals(List.of(new SNIHostName("localhost")), serverNamesSeen(mode, TlsFixtures.certs().localhost(),
                TlsFixtures.trustingCa().tlsServerName("localhost").build()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theCertificateIsCheckedAgainstTheServerNameInsteadOfTheAddress(Mode mode) throws Exception {
        // wrong.example's certificate does not name 127.0.0.1 (CertificateCheckTest), yet it passes here ...
        assertEquals(List.of(new SNIHostName("wrong.example")), serverNamesSeen(mode,
                TlsFixtures.certs().wrongHost(), TlsFixtures.trustingCa().tlsServerName("wrong.example").build()));
        // ... and localhost's, which names 127.0.0.1, fails when the server name is wrong.example.
        SmtpOptions wrongName = TlsFixtures.trustingCa().tlsServerName("wrong.example").build();
        try (ScriptedServer server = ScriptedServer.start(
                s -> mode.refusedHandshake(s, TlsFixtures.server(TlsFixtures.certs().localhost())))) {
            SmtpClient client = mode.client(wrongName);
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> mode.secure(client, server.port()));
            assertEquals(mode.plaintext(), server.transcript(), e.toString());
        }
    }
}
