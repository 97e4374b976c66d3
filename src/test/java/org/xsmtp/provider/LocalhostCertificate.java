package org.xsmtp.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} only (not 127.0.0.1), made once per test JVM with the
 * JDK's keytool: GreenMail's built-in certificate names no host, so host name checks could not pass with it.
 */
final class LocalhostCertificate {
    static final String PASSWORD = "changeit";

    private LocalhostCertificate() {
    }

    /** @return the PKCS12 keystore with the key and certificate */
    static Path keystore() {
        return Holder.KEYSTORE;
    }

    /**
     * Points GreenMail at the keystore. GreenMail reads these properties once, when its first TLS server
     * starts in this JVM; call it before any.
     */
    static void installForGreenMail() {
        System.setProperty("greenmail.tls.keystore.file", keystore().toString());
        System.setProperty("greenmail.tls.keystore.password", PASSWORD);
    }

    /** @return a server-side TLS context presenting the certificate */
    static SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Holder {
        static final Path KEYSTORE = generate();

        private static Path generate() {
            try {
                Path dir = Files.createTempDirectory("xsmtp-tls");
                dir.toFile().deleteOnExit();
                Path file = dir.resolve("localhost.p12");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "EC",
                        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                        "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                        "-storepass", PASSWORD, "-keypass", PASSWORD)).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                file.toFile().deleteOnExit();
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
