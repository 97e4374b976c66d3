package org.xsmtp.smtp;

import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.xsmtp.peers.ServerCertificate;
import org.xsmtp.peers.TestCertificates;
import org.xsmtp.testkit.Script;
import org.xsmtp.testkit.ServerTls;

/** What the TLS tests share: the test PKI, client options, and the two ways of getting to TLS. */
final class TlsFixtures {
    static final String GREETING = "220 fake.test ESMTP";

    private TlsFixtures() {
    }

    /** @return the test PKI; skips the test when openssl is missing */
    static TestCertificates certs() {
        return TestCertificates.get();
    }

    /** @return a server context presenting {@code cert} */
    static SSLContext server(ServerCertificate cert) {
        return ServerTls.context(cert.pkcs12(), cert.password());
    }

    /** @return options naming the client me.test and trusting exactly the test CA; every other setting default */
    static SmtpOptions.Builder trustingCa() {
        return SmtpOptions.builder().localHostname("me.test").timeout(Duration.ofSeconds(10))
                .sslContext(certs().clientContextTrustingCa());
    }

    /** Implicit TLS (SmtpSslClient) or STARTTLS on a plain SmtpClient. */
    enum Mode {
        IMPLICIT_TLS {
            @Override
            SmtpClient client(SmtpOptions options) {
                return new SmtpSslClient(options);
            }

            @Override
            Script beforeHandshake(Script s) {
                return s;
            }

            @Override
            Script afterHandshake(Script s) {
                return s.reply(GREETING);
            }

            @Override
            void secure(SmtpClient client, int port) throws IOException {
                client.connect("127.0.0.1", port);
            }

            @Override
            String plaintext() {
                return "";
            }
        },
        STARTTLS {
            @Override
            SmtpClient client(SmtpOptions options) {
                return new SmtpClient(options);
            }

            @Override
            Script beforeHandshake(Script s) {
                return s.reply(GREETING).read().reply("250-fake.test", "250 STARTTLS").read()
                        .reply("220 2.0.0 Ready to start TLS");
            }

            @Override
            Script afterHandshake(Script s) {
                return s;
            }

            @Override
            void secure(SmtpClient client, int port) throws IOException {
                client.connect("127.0.0.1", port);
                client.starttls();
            }

            @Override
            String plaintext() {
                return "EHLO me.test\r\nSTARTTLS\r\n";
            }
        };

        /** @return an unconnected client of the right class */
        abstract SmtpClient client(SmtpOptions options);

        /** @return the script up to the server's side of the handshake (plaintext part, if any) */
        abstract Script beforeHandshake(Script s);

        /** @return the script from the handshake to the point where the client may send EHLO */
        abstract Script afterHandshake(Script s);

        /** Connects to 127.0.0.1 and gets the connection encrypted. */
        abstract void secure(SmtpClient client, int port) throws IOException;

        /** @return what the client sends in plaintext before the handshake */
        abstract String plaintext();

        /** @return a script whose server performs the handshake with {@code server} and then serves EHLO and QUIT */
        Script encryptedEhloAndQuit(Script s, SSLContext server) {
            return afterHandshake(beforeHandshake(s).tls(server)).read().reply("250-fake.test", "250 SIZE 1000")
                    .read().reply("221 2.0.0 Bye");
        }

        /** @return a script whose server offers {@code server} in a handshake the client must abort */
        Script refusedHandshake(Script s, SSLContext server) {
            return beforeHandshake(s).tlsRefused(server);
        }
    }
}
