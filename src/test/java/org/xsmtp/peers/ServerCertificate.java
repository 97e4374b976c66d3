package org.xsmtp.peers;

import java.nio.file.Path;

/**
 * One test server certificate made by {@link TestCertificates}, in the forms peers need.
 *
 * @param name      short name, also the file stem ("localhost", "wrong-host", "untrusted")
 * @param certPem   PEM certificate (for Python and Postfix)
 * @param keyPem    PEM unencrypted private key (for Python and Postfix)
 * @param pkcs12    PKCS12 keystore holding key and certificate chain (for Java servers)
 * @param password  password of {@link #pkcs12()} and of its key entry
 */
public record ServerCertificate(String name, Path certPem, Path keyPem, Path pkcs12, String password) {
}
