/**
 * Client-side SASL mechanisms for SMTP {@code AUTH} (RFC 4954): PLAIN, LOGIN, CRAM-MD5, XOAUTH2,
 * OAUTHBEARER and SCRAM-SHA-256.
 *
 * <p>Each {@link org.xsmtp.smtp.auth.SaslMechanism} instance is one authentication attempt. The SMTP
 * engine does the base64 coding and the {@code 334}/{@code 235} loop; mechanisms only turn raw challenge
 * bytes into raw response bytes. {@link org.xsmtp.smtp.auth.SaslMechanisms} creates them by name.
 *
 * <p>This package depends on the JDK only.
 */
package org.xsmtp.smtp.auth;
