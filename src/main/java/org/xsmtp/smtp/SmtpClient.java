package org.xsmtp.smtp;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.xsmtp.message.Envelope;
import org.xsmtp.message.EnvelopeRules;
import org.xsmtp.message.MimeMessageHeaders;
import org.xsmtp.smtp.auth.SaslMechanism;

/**
 * An SMTP/ESMTP client session that behaves like Python's {@code smtplib.SMTP}: the same methods, the same
 * replies and the same exceptions, plus pipelining, chunking and safe TLS and AUTH defaults. Not thread-safe:
 * use one client per thread (or guard it with a lock).
 *
 * <pre>{@code
 * try (SmtpClient smtp = new SmtpClient("mail.example.com", 25)) {
 *     smtp.starttls();
 *     smtp.login("user", "secret");
 *     Map<String, Reply> refused = smtp.sendmail("me@example.com", List.of("you@example.org"), message);
 * }
 * }</pre>
 */
public class SmtpClient extends SmtpCommands {
    /** The SMTP port. */
    public static final int SMTP_PORT = 25;
    /** The SMTP-over-TLS port. */
    public static final int SMTP_SSL_PORT = 465;
    /** The LMTP port. */
    public static final int LMTP_PORT = 2003;

    /** A client that is not connected yet; call {@link #connect()}. */
    public SmtpClient() {
        this(Kind.SMTP, SmtpOptions.defaults());
    }

    /** @param options settings; the client is not connected yet */
    public SmtpClient(SmtpOptions options) {
        this(Kind.SMTP, options);
    }

    /**
     * Connects, like {@code smtplib.SMTP(host, port)}.
     *
     * @param host host name, address, or {@code host:port} with port 0; empty to stay unconnected
     * @param port port, 0 for the default
     * @throws SmtpConnectException when the greeting is not 220 (the connection is closed)
     * @throws IOException when the connection cannot be made
     */
    public SmtpClient(String host, int port) throws IOException {
        this(Kind.SMTP, host, port, SmtpOptions.defaults());
    }

    /**
     * Connects with the given settings.
     *
     * @param host host name, address, or {@code host:port} with port 0; empty to stay unconnected
     * @param port port, 0 for the default
     * @param options settings
     * @throws SmtpConnectException when the greeting is not 220 (the connection is closed)
     * @throws IOException when the connection cannot be made
     */
    public SmtpClient(String host, int port, SmtpOptions options) throws IOException {
        this(Kind.SMTP, host, port, options);
    }

    SmtpClient(Kind kind, SmtpOptions options) {
        super(kind, options);
    }

    SmtpClient(Kind kind, String host, int port, SmtpOptions options) throws IOException {
        super(kind, host, port, options);
    }

    /**
     * @param from envelope sender
     * @param to envelope recipients
     * @param msg the message
     * @return see {@link #sendmail(String, List, byte[], List, List)}
     * @throws SmtpException as {@link #sendmail(String, List, byte[], List, List)}
     */
    public Map<String, Reply> sendmail(String from, List<String> to, String msg) throws SmtpException {
        return sendmail(from, to, msg, List.of(), List.of());
    }

    /**
     * @param from envelope sender
     * @param to envelope recipients
     * @param msg the message
     * @return see {@link #sendmail(String, List, byte[], List, List)}
     * @throws SmtpException as {@link #sendmail(String, List, byte[], List, List)}
     */
    public Map<String, Reply> sendmail(String from, List<String> to, byte[] msg) throws SmtpException {
        return sendmail(from, to, msg, List.of(), List.of());
    }

    /**
     * Sends a message given as ASCII text; see {@link #sendmail(String, List, byte[], List, List)}.
     *
     * @param from envelope sender
     * @param to envelope recipients
     * @param msg the message, ASCII only (as smtplib; use bytes for anything else)
     * @param mailOptions ESMTP parameters for MAIL
     * @param rcptOptions ESMTP parameters for every RCPT
     * @return the refused recipients
     * @throws SmtpException as the byte[] form
     */
    public Map<String, Reply> sendmail(String from, List<String> to, String msg, List<String> mailOptions,
            List<String> rcptOptions) throws SmtpException {
        return send(from, to, MessageSource.ofAscii(msg), mailOptions, rcptOptions);
    }

    /**
     * Sends a message, as smtplib's {@code sendmail}: EHLO/HELO if needed, MAIL (with SIZE when advertised,
     * options only for ESMTP servers), one RCPT per recipient, DATA or BDAT. Returns normally when at least one
     * recipient was accepted: the map holds the refused ones (for LMTP also those refused after the data).
     * Commands are pipelined when the server offers PIPELINING, content goes with BDAT when it offers
     * CHUNKING; the outcome is the same either way. Line ends are normalised to CRLF.
     *
     * @param from envelope sender
     * @param to envelope recipients, at least one
     * @param msg the message
     * @param mailOptions ESMTP parameters for MAIL
     * @param rcptOptions ESMTP parameters for every RCPT
     * @return the refused recipients with their replies; {@link #lastRecipientResults()} has every recipient
     * @throws IllegalArgumentException for no recipients, a malformed address or parameter (nothing is sent)
     * @throws SmtpHeloException when the greeting is refused
     * @throws SmtpSenderRefusedException when MAIL is refused
     * @throws SmtpRecipientsRefusedException when every recipient is refused
     * @throws SmtpDataException when the data is refused
     * @throws SmtpNotSupportedException for SMTPUTF8 without server support
     * @throws SmtpOutcomeUnknownException when the connection is lost after the end of the data
     * @throws SmtpException when the connection fails
     */
    public Map<String, Reply> sendmail(String from, List<String> to, byte[] msg, List<String> mailOptions,
            List<String> rcptOptions) throws SmtpException {
        return send(from, to, MessageSource.of(msg), mailOptions, rcptOptions);
    }

    /**
     * Sends a message read from a stream, without holding it in memory; otherwise as
     * {@link #sendmail(String, List, byte[], List, List)}. The size is not known beforehand, so no SIZE is
     * declared. The stream is read to its end and not closed. If reading it fails mid-message the message is
     * abandoned (the connection is dropped during DATA, the transaction reset with BDAT) and an
     * {@link SmtpException} is thrown whose cause is the read failure.
     *
     * @param from envelope sender
     * @param to envelope recipients, at least one
     * @param msg the message; line ends are normalised to CRLF
     * @param mailOptions ESMTP parameters for MAIL
     * @param rcptOptions ESMTP parameters for every RCPT
     * @return the refused recipients with their replies
     * @throws SmtpException as the byte[] form, or when reading the stream fails
     */
    public Map<String, Reply> sendmail(String from, List<String> to, InputStream msg, List<String> mailOptions,
            List<String> rcptOptions) throws SmtpException {
        return send(from, to, MessageSource.of(Objects.requireNonNull(msg, "msg")), mailOptions, rcptOptions);
    }

    Map<String, Reply> send(String from, List<String> to, MessageSource msg, List<String> mailOptions,
            List<String> rcptOptions) throws SmtpException {
        ehloOrHeloIfNeeded();
        TransactionPlan plan = new TransactionPlanner(session, options, kind)
                .plan(from, to, msg, mailOptions, rcptOptions);
        MailTransaction transaction = new MailTransaction(channel(), options.timeouts(), plan);
        try {
            return transaction.run(msg);
        } finally {
            session.lastResults = transaction.results();
            session.endTransaction();
        }
    }

    /**
     * smtplib's {@code send_message} with every address taken from the headers; see
     * {@link #sendMessage(MimeMessage, String, List, List, List)}.
     *
     * @param msg the message
     * @return the refused recipients
     * @throws SmtpException as {@link #sendmail(String, List, byte[], List, List)}
     */
    public Map<String, Reply> sendMessage(MimeMessage msg) throws SmtpException {
        return sendMessage(msg, null, null, List.of(), List.of());
    }

    /**
     * smtplib's {@code send_message}: a null {@code from} is taken from {@code Sender}, else {@code From}; a null
     * {@code to} from {@code To}, {@code Bcc} and {@code Cc} (in that order); with exactly one Resent-* block
     * its fields are used instead. {@code Bcc} and {@code Resent-Bcc} are never transmitted and the message
     * object keeps them. Non-ASCII envelope addresses add SMTPUTF8 and BODY=8BITMIME. The message is streamed,
     * never copied whole (so no SIZE is declared).
     *
     * @param msg the message
     * @param from envelope sender, or null to take it from the headers
     * @param to envelope recipients, or null to take them from the headers
     * @param mailOptions ESMTP parameters for MAIL
     * @param rcptOptions ESMTP parameters for every RCPT
     * @return the refused recipients
     * @throws IllegalArgumentException for more than one Resent-* block, or no sender (nothing is sent)
     * @throws SmtpNotSupportedException for non-ASCII addresses without SMTPUTF8 (nothing is sent after EHLO)
     * @throws SmtpException as {@link #sendmail(String, List, byte[], List, List)}
     */
    public Map<String, Reply> sendMessage(MimeMessage msg, String from, List<String> to, List<String> mailOptions,
            List<String> rcptOptions) throws SmtpException {
        Envelope envelope = EnvelopeRules.resolve(new MimeMessageHeaders(msg), from, to);
        ehloOrHeloIfNeeded();
        List<String> options = mailOptions;
        if (EnvelopeRules.needsSmtpUtf8(envelope)) {
            if (!hasExtn("smtputf8")) {
                throw new SmtpNotSupportedException("One or more source or delivery addresses require "
                        + "internationalized email support, but the server does not advertise the required "
                        + "SMTPUTF8 capability");
            }
            options = new java.util.ArrayList<>(mailOptions);
            options.add("SMTPUTF8");
            options.add("BODY=8BITMIME");
        }
        return send(envelope.sender(), envelope.recipients(), MessageSource.of(msg), options, rcptOptions);
    }

    /**
     * Sends many messages over this connection, one result per message, in order. Where the server offers
     * PIPELINING, transactions overlap: with DATA each message costs one round trip (its envelope travels
     * with the previous message's end of data); with CHUNKING, whole messages (under 256 KiB) travel back to
     * back, up to 64 in flight. A failure (refused sender, recipients or data, an invalid address, even a lost
     * connection) is recorded in that message's result, never thrown; messages after a lost connection are
     * reported as not sent, those whose data was complete as {@link BatchResult#outcomeUnknown()}.
     *
     * @param messages the messages
     * @return one result per message, in the same order
     * @throws SmtpException when the greeting (EHLO/HELO) fails, before any message is attempted
     */
    public List<BatchResult> sendBatch(List<OutboundMessage> messages) throws SmtpException {
        ehloOrHeloIfNeeded();
        List<BatchResult> results = new BatchSender(this::channel, options.timeouts(),
                new TransactionPlanner(session, options, kind)).send(messages);
        session.endTransaction();
        return results;
    }

    /**
     * @return one entry per RCPT of the last {@code sendmail}, {@code sendMessage} or low-level {@code data()},
     *     in order, duplicates kept apart; for LMTP each carries its own reply to the data
     */
    public List<RecipientResult> lastRecipientResults() {
        return session.lastResults;
    }

    /**
     * smtplib's {@code login}: EHLO if needed, then the mechanisms of {@link SmtpOptions#authMechanisms()} (by
     * default CRAM-MD5, PLAIN, LOGIN) that the server advertises, in turn, while the server answers with an
     * authentication failure. Credentials are sent UTF-8.
     *
     * @param user the user name
     * @param password the password
     * @return the 235 (or 503) reply
     * @throws SmtpNotSupportedException when the server does not advertise AUTH
     * @throws SmtpAuthenticationException when the server refuses the credentials
     * @throws SmtpSecurityException when only mechanisms that expose the password are left and the link is unencrypted
     * @throws SmtpException "No suitable authentication method found." when no mechanism is in common
     */
    public Reply login(String user, String password) throws SmtpException {
        return login(user, password, true);
    }

    /**
     * See {@link #login(String, String)}.
     *
     * @param user the user name
     * @param password the password
     * @param initialResponseOk whether to send RFC 4954 initial responses with AUTH
     * @return the 235 (or 503) reply
     * @throws SmtpException as {@link #login(String, String)}
     */
    public Reply login(String user, String password, boolean initialResponseOk) throws SmtpException {
        ehloOrHeloIfNeeded();
        session.user = user;
        session.password = password;
        return new LoginSequence(authenticator(), session.features, options.authMechanisms())
                .run(name -> org.xsmtp.smtp.auth.SaslMechanisms.forPassword(name, user, password), initialResponseOk);
    }

    /**
     * Logs in with an OAuth 2.0 token: OAUTHBEARER (RFC 7628) when advertised, else XOAUTH2.
     *
     * @param user the account
     * @param token asked for a fresh token at every attempt
     * @return the 235 reply
     * @throws SmtpException as {@link #login(String, String)}
     */
    public Reply loginOAuth2(String user, Supplier<String> token) throws SmtpException {
        ehloOrHeloIfNeeded();
        return new LoginSequence(authenticator(), session.features, List.of("OAUTHBEARER", "XOAUTH2"))
                .run(name -> org.xsmtp.smtp.auth.SaslMechanisms.forToken(name, user, token), true);
    }

    /**
     * smtplib's {@code auth}: AUTH with the given mechanism, answering each 334 through {@code authobject}.
     *
     * @param mechanism the SASL mechanism name
     * @param authobject answers the challenges
     * @param initialResponseOk whether to ask {@code authobject} for an initial response first
     * @return the 235 (or 503) reply
     * @throws SmtpAuthenticationException when the server refuses
     * @throws SmtpException when the connection fails
     */
    public Reply auth(String mechanism, AuthObject authobject, boolean initialResponseOk) throws SmtpException {
        return authenticator().run(new AuthObjectMechanism(mechanism, authobject, session), initialResponseOk);
    }

    /**
     * AUTH with a pluggable mechanism object (one per attempt).
     *
     * @param mechanism the mechanism, e.g. {@code new ScramSha256Mechanism(user, password)}
     * @param initialResponseOk whether to send its initial response with AUTH
     * @return the 235 (or 503) reply
     * @throws SmtpException as {@link #auth(String, AuthObject, boolean)}
     */
    public Reply auth(SaslMechanism mechanism, boolean initialResponseOk) throws SmtpException {
        ehloOrHeloIfNeeded();
        return authenticator().run(mechanism, initialResponseOk);
    }

    /**
     * smtplib's {@code auth_cram_md5}, usable as an {@link AuthObject} after {@link #login} set the credentials.
     *
     * @param challenge the challenge, null for the initial response
     * @return the response, or null for the initial response (CRAM-MD5 has none)
     */
    public String authCramMd5(byte[] challenge) {
        return AuthObjectMechanism.cramMd5(session, challenge);
    }

    /**
     * smtplib's {@code auth_plain}: {@code \0user\0password}.
     *
     * @param challenge the challenge, or null
     * @return the response
     */
    public String authPlain(byte[] challenge) {
        return "\0" + session.user + "\0" + session.password;
    }

    /**
     * smtplib's {@code auth_login}: the user name first, then the password.
     *
     * @param challenge the challenge, or null
     * @return the response
     */
    public String authLogin(byte[] challenge) {
        return challenge == null || session.authChallengeCount < 2 ? session.user : session.password;
    }

    /**
     * Sets the credentials that {@link #authPlain}, {@link #authLogin} and {@link #authCramMd5} answer with
     * (smtplib's {@code user} and {@code password} attributes); {@link #login} sets them too.
     *
     * @param user the user name
     * @param password the password
     */
    public void setCredentials(String user, String password) {
        session.user = user;
        session.password = password;
    }

    /**
     * @return STARTTLS with the context of the options; see {@link #starttls(SSLContext)}
     * @throws IOException as {@link #starttls(SSLContext)}
     */
    public Reply starttls() throws IOException {
        return starttls(null);
    }

    /**
     * Switches the connection to TLS: EHLO if needed, STARTTLS, the handshake with certificate and host name
     * checks, then every EHLO result is forgotten (EHLO is sent again before the next transaction).
     *
     * @param context the TLS context, or null for the options' (or the JDK default)
     * @return the 220 reply
     * @throws SmtpNotSupportedException when STARTTLS is not advertised
     * @throws SmtpResponseException when STARTTLS is refused (nothing continues in plaintext)
     * @throws SmtpSecurityException when data arrived between the 220 and the handshake (connection aborted)
     * @throws IOException when the handshake or a certificate check fails (connection closed)
     */
    public Reply starttls(SSLContext context) throws IOException {
        ehloOrHeloIfNeeded();
        Reply reply = new StartTls(channel(), options).run(host(), context, session.features);
        session.reset();
        session.helloNeededAfterTls = true;
        return reply;
    }

    /**
     * smtplib's {@code quoteaddr}: the address part of an RFC 5322 address, in angle brackets.
     *
     * @param address an address, possibly with a display name
     * @return {@code <addr-spec>}; the input itself in brackets when it does not parse
     */
    public static String quoteaddr(String address) {
        return Addresses.quote(address);
    }

    /**
     * smtplib's {@code quotedata}: line ends to CRLF and a dot doubled at the start of every line.
     *
     * @param data message text
     * @return the quoted text
     */
    public static String quotedata(String data) {
        return QuoteData.quote(data);
    }

    private Authenticator authenticator() throws SmtpException {
        return new Authenticator(channel(), options);
    }
}
