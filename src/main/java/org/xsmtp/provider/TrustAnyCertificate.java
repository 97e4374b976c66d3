package org.xsmtp.provider;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Angus's {@code ssl.trust}: {@code *} trusts every certificate, a list of hosts trusts any certificate those
 * hosts present. Other hosts keep the JDK's default trust. The host name check is not affected: this is a
 * plain {@link X509TrustManager}, not an {@code X509ExtendedTrustManager}, so the JDK still matches the
 * certificate against the host whenever the connection asks for endpoint identification.
 */
final class TrustAnyCertificate implements X509TrustManager {
    private TrustAnyCertificate() {
    }

    /** @return whether {@code ssl.trust} (as words, or null) covers {@code host} */
    static boolean covers(List<String> trust, String host) {
        if (trust == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return trust.stream().anyMatch(t -> t.equals("*") || t.toLowerCase(Locale.ROOT).equals(h));
    }

    /** @return a TLS context that accepts any certificate chain */
    static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot create a TLS context", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // only used as a client
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // trusted by configuration (ssl.trust)
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
