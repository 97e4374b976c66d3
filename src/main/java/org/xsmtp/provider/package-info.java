/**
 * The Jakarta Mail provider: transports {@code xsmtp} ({@link org.xsmtp.provider.XsmtpTransport}),
 * {@code xsmtps} ({@link org.xsmtp.provider.XsmtpSslTransport}) and {@code xlmtp}
 * ({@link org.xsmtp.provider.XlmtpTransport}), configured like Angus Mail's {@code smtp} and {@code smtps}.
 * This package maps properties, events and exceptions; the protocol is the engine's ({@code org.xsmtp.smtp}).
 */
package org.xsmtp.provider;
