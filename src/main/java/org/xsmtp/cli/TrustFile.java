package org.xsmtp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** {@code --cafile}: a TLS context that trusts the certificates of a PEM file, and only those. */
final class TrustFile {
    private TrustFile() {
    }

    /**
     * @param pem one or more PEM certificates (a private CA, or a server's own certificate)
     * @return a context whose trust managers accept chains ending in one of them; host names are still checked
     * @throws CliFailure with {@link ExitCode#CONFIG} when the file cannot be read or holds no certificate
     */
    static SSLContext context(Path pem) throws CliFailure {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("cert-" + n++, cert);
            }
            if (n == 0) {
                throw new CliFailure(ExitCode.CONFIG, "--cafile " + pem + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCode.CONFIG, "--cafile " + pem + " does not exist", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new CliFailure(ExitCode.CONFIG, "cannot use --cafile " + pem + ": " + e.getMessage(), e);
        }
    }
}
