package org.xsmtp.testkit;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.xsmtp.peers.ServerCertificate;
import org.xsmtp.peers.TestCertificates;

/** Server-side TLS for scripted servers: the test PKI's {@code localhost} certificate (also valid for 127.0.0.1). */
public final class ServerTlsContext {
    private ServerTlsContext() {
    }

    /** @return a server context presenting the CA-signed localhost certificate; skips the test without openssl */
    public static SSLContext localhost() throws Exception {
        ServerCertificate cert = TestCertificates.get().localhost();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(cert.pkcs12())) {
            store.load(in, cert.password().toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, cert.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** @return a client context trusting the test CA */
    public static SSLContext clientTrustingCa() {
        return TestCertificates.get().clientContextTrustingCa();
    }
}
