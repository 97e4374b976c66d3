package org.xsmtp.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A throw-away PKI for TLS tests, made once per JVM with the {@code openssl} CLI in a
 * temporary directory that is deleted when the JVM exits:
 * <ul>
 *   <li>a test CA ({@link #caCertPem()}, {@link #caCertificate()});</li>
 *   <li>{@link #localhost()}: signed by the CA, SAN {@code DNS:localhost, IP:127.0.0.1};</li>
 *   <li>{@link #wrongHost()}: signed by the CA, SAN {@code DNS:wrong.example} only;</li>
 *   <li>{@link #untrusted()}: self-signed {@code localhost} (same SANs), not from the CA.</li>
 * </ul>
 * Clients use {@link #clientContextTrustingCa()}, which trusts the CA and nothing else; it
 * does no hostname checks (those are the client code's job).
 *
 * <p><b>GreenMail.</b> GreenMail 2.1.13 reads the system properties
 * {@code greenmail.tls.keystore.file} and {@code greenmail.tls.keystore.password} once per
 * JVM, the first time any SMTPS/IMAPS/POP3S server or STARTTLS socket needs its
 * {@code DummySSLServerSocketFactory} (a singleton); later changes are ignored. So a test
 * that wants GreenMail to present the CA-signed localhost certificate calls
 * {@link #useLocalhostForGreenMail()} before its GreenMail starts, e.g. in a static
 * initialiser placed above a static {@code GreenMailExtension} field, and every GreenMail
 * TLS server in the same surefire JVM then uses that certificate. Tests that need another
 * certificate (wrong host, untrusted) should use the aiosmtpd or Postfix peers instead.
 */
public final class TestCertificates {

    private static final String PASSWORD = "xsmtp-test";

    private final Path dir;
    private final ServerCertificate localhost;
    private final ServerCertificate wrongHost;
    private final ServerCertificate untrusted;

    private TestCertificates(Path dir) {
        this.dir = dir;
        generateCa();
        this.localhost = signed("localhost", "localhost", "DNS:localhost,IP:127.0.0.1");
        this.wrongHost = signed("wrong-host", "wrong.example", "DNS:wrong.example");
        this.untrusted = selfSigned("untrusted", "localhost", "DNS:localhost,IP:127.0.0.1");
    }

    /** The certificates of this JVM, made on first use; skips the test if openssl is missing. */
    public static TestCertificates get() {
        Requirements.executable(Path.of("/usr/bin/openssl"), "openssl");
        return Holder.INSTANCE;
    }

    /** PEM file of the test CA certificate. */
    public Path caCertPem() {
        return dir.resolve("ca.pem");
    }

    /** The test CA certificate. */
    public X509Certificate caCertificate() {
        return readCertificate(caCertPem());
    }

    /** Reads one PEM certificate, e.g. {@code localhost().certPem()}. */
    public static X509Certificate readCertificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CA-signed certificate for {@code localhost} / {@code 127.0.0.1}. */
    public ServerCertificate localhost() {
        return localhost;
    }

    /** CA-signed certificate for {@code wrong.example} only. */
    public ServerCertificate wrongHost() {
        return wrongHost;
    }

    /** Self-signed {@code localhost} certificate that the test CA did not sign. */
    public ServerCertificate untrusted() {
        return untrusted;
    }

    /** A new trust manager that trusts exactly the test CA (no hostname checks). */
    public X509TrustManager trustManagerForCa() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("xsmtp-test-ca", caCertificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new TLS client context that trusts exactly the test CA (no hostname checks). */
    public SSLContext clientContextTrustingCa() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManagerForCa()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Points GreenMail's TLS keystore properties at {@link #localhost()} (see the class
     * comment: it must run before the first GreenMail TLS server of the JVM starts).
     */
    public void useLocalhostForGreenMail() {
        System.setProperty("greenmail.tls.keystore.file", localhost.pkcs12().toString());
        System.setProperty("greenmail.tls.keystore.password", localhost.password());
    }

    private void generateCa() {
        write("ca.cnf", "[req]\ndistinguished_name = dn\nprompt = no\nx509_extensions = ext\n"
                + "[dn]\nCN = xsmtp test CA\n"
                + "[ext]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\n"
                + "subjectKeyIdentifier = hash\n");
        openssl("req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-config", "ca.cnf",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650");
    }

    private ServerCertificate signed(String name, String commonName, String san) {
        write(name + ".ext", serverExtensions(san) + "authorityKeyIdentifier = keyid\n");
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName,
                "-keyout", name + ".key", "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-set_serial", String.valueOf(System.nanoTime()), "-days", "825",
                "-extfile", name + ".ext", "-out", name + ".pem");
        return pkcs12(name, List.of("-certfile", "ca.pem"));
    }

    private ServerCertificate selfSigned(String name, String commonName, String san) {
        write(name + ".cnf", "[req]\ndistinguished_name = dn\nprompt = no\nx509_extensions = ext\n"
                + "[dn]\nCN = " + commonName + "\n[ext]\n" + serverExtensions(san));
        openssl("req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-config", name + ".cnf",
                "-keyout", name + ".key", "-out", name + ".pem", "-days", "825");
        return pkcs12(name, List.of());
    }

    private ServerCertificate pkcs12(String name, List<String> extra) {
        List<String> command = new ArrayList<>(List.of("pkcs12", "-export",
                "-in", name + ".pem", "-inkey", name + ".key", "-name", name,
                "-passout", "pass:" + PASSWORD, "-out", name + ".p12"));
        command.addAll(extra);
        openssl(command.toArray(String[]::new));
        return new ServerCertificate(name, dir.resolve(name + ".pem"), dir.resolve(name + ".key"),
                dir.resolve(name + ".p12"), PASSWORD);
    }

    private static String serverExtensions(String san) {
        return "basicConstraints = critical,CA:FALSE\n"
                + "keyUsage = critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage = serverAuth\n"
                + "subjectKeyIdentifier = hash\n"
                + "subjectAltName = " + san + "\n";
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("/usr/bin/openssl");
        command.addAll(List.of(args));
        Commands.run(dir, command);
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the certificates on first access; class initialisation is the lock. */
    private static final class Holder {
        static final TestCertificates INSTANCE = create();

        private static TestCertificates create() {
            TempDir temp = TempDir.create("xsmtp-certs-");
            Runtime.getRuntime().addShutdownHook(new Thread(temp::close, "xsmtp-certs-cleanup"));
            return new TestCertificates(temp.path());
        }
    }
}
