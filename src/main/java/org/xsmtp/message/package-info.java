/**
 * Message-level rules of an SMTP client, independent of sockets and of the SMTP engine:
 * RFC 5322 / RFC 6532 address parsing ({@link org.xsmtp.message.AddressParser}), the
 * envelope rules of Python smtplib's {@code send_message}
 * ({@link org.xsmtp.message.EnvelopeRules}), header access over a Jakarta Mail message or a
 * raw RFC 5322 stream ({@link org.xsmtp.message.HeaderSource}), and removal of
 * {@code Bcc}/{@code Resent-Bcc} fields from transmitted content
 * ({@link org.xsmtp.message.BccFreeWriter}, {@link org.xsmtp.message.BccStrippingOutputStream}).
 */
package org.xsmtp.message;
