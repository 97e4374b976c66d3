/**
 * Real mail servers for tests, each started on 127.0.0.1 (free port) or a Unix socket in
 * its own temporary directory, and stopped (process tree killed, directory deleted) by
 * {@code close()}; use them in try-with-resources or {@code @AfterEach}/{@code @AfterAll}.
 * A test whose server is not installed is skipped, naming the Debian package.
 * <ul>
 *   <li>{@link org.xsmtp.peers.SmtpSinkPeer}: Postfix's smtp-sink with fault flags
 *       (replies, disconnects, delays; SMTP or LMTP) and captured transactions.</li>
 *   <li>{@link org.xsmtp.peers.AiosmtpdPeer}: aiosmtpd SMTP/LMTP with STARTTLS, implicit
 *       TLS, AUTH PLAIN/LOGIN, per-recipient LMTP results, stored messages.</li>
 *   <li>{@link org.xsmtp.peers.PostfixPeer}: a private Postfix smtpd (root only) for
 *       CHUNKING/BDAT, SMTPUTF8, STARTTLS and strict protocol checks.</li>
 *   <li>{@link org.xsmtp.peers.TestCertificates}: test CA and server certificates; also
 *       how to give GreenMail the CA-signed localhost certificate.</li>
 * </ul>
 * {@link org.xsmtp.peers.RawSmtp} speaks a few raw lines to them for the harness's own tests.
 */
package org.xsmtp.peers;
