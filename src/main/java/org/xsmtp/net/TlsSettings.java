package org.xsmtp.net;

import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * How to secure a connection.
 *
 * @param socketFactory layers TLS over the connected socket; its trust managers judge the certificate chain
 * @param peerName the name the certificate must match and the SNI name to send: the name the caller gave,
 *     never a resolved address
 * @param checkHostname whether to check the certificate against {@code peerName} (turning it off is dangerous)
 * @param protocols enabled protocols, empty for the context's defaults
 * @param cipherSuites enabled cipher suites, empty for the context's defaults
 */
public record TlsSettings(SSLSocketFactory socketFactory, String peerName, boolean checkHostname, List<String> protocols,
        List<String> cipherSuites) {

    /** Copies the lists. */
    public TlsSettings {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }
}
