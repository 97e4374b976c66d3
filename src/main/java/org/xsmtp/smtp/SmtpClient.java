package org.xsmtp.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import jakarta.mail.internet.MimeMessage;
import javax.net.ssl.SSLContext;
import org.xsmtp.message.Envelope;
import org.xsmtp.message.EnvelopeRules;
import org.xsmtp.message.MimeMessageHeaders;
import org.xsmtp.smtp.auth.SaslMechanism;
import org.xsmtp.wire.CommandEncoder;

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
public class SmtpClient implements Closeable {
    /** The SMTP port. */
    public static final int SMTP_PORT = 25;
    /** The SMTP-over-TLS port. */
    public static final int SMTP_SSL_PORT = 465;
    /** The LMTP port. */
    public static final int LMTP_PORT = 2003;

    final Kind kind;
    final SmtpOptions options;
    private final WireTrace trace;
    private final Session session = new Session();
    private CommandChannel channel;
    private String host;

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
        this.kind = kind;
        this.options = Objects.requireNonNull(options, "options");
        this.trace = new WireTrace(options.debugLevel(), options.debugOut());
    }

    SmtpClient(Kind kind, String host, int port, SmtpOptions options) throws IOException {
        this(kind, options);
        if (host != null && !host.isEmpty()) {
            Reply greeting = open(host, port);
            if (greeting.code() != 220) {
                abort();
                throw new SmtpConnectException(greeting.code(), greeting.message(), "connect");
            }
        }
    }

    /** @param level 0 quiet, 1 wire trace, 2 timestamped wire trace (credentials are always masked) */
    public void setDebugLevel(int level) {
        trace.setLevel(level);
    }

    /**
     * Connects to the local host on the default port.
     *
     * @return the greeting
     * @throws IOException when the connection cannot be made
     */
    public Reply connect() throws IOException {
        return connect("localhost", 0);
    }

    /**
     * Connects (dropping any current connection) and returns the greeting, whatever its code.
     *
     * @param host host name or address; {@code host:port} when port is 0; for LMTP a path starting with {@code /}
     * @param port port, 0 for the default
     * @return the greeting
     * @throws IOException when the connection cannot be made
     */
    public Reply connect(String host, int port) throws IOException {
        return open(host, port);
    }

    private Reply open(String host, int port) throws IOException {
        if (channel != null) {
            channel.close();
        }
        session.reset();
        String[] hostPort = kind == Kind.LMTP && host.startsWith("/") ? new String[] {host, "0"}
                : Endpoints.splitHostPort(host, port);
        this.host = hostPort[0];
        int p = Integer.parseInt(hostPort[1]) == 0 ? kind.defaultPort : Integer.parseInt(hostPort[1]);
        trace.connect(this.host, this.host.startsWith("/") ? -1 : p);
        channel = new CommandChannel(Endpoints.open(kind, this.host, p, options), trace, options.timeouts().dataBlock());
        return channel.read(options.timeouts().greeting(), false);
    }

    /**
     * Sends {@code cmd} and returns the reply.
     *
     * @param cmd the command line
     * @return the reply
     * @throws SmtpException when the connection fails
     */
    public Reply docmd(String cmd) throws SmtpException {
        return docmd(cmd, "");
    }

    /**
     * Sends {@code cmd args} and returns the reply.
     *
     * @param cmd the command verb
     * @param args the arguments, appended after a space when not empty
     * @return the reply
     * @throws IllegalArgumentException when the line would contain CR, LF or NUL (nothing is sent)
     * @throws SmtpException when the connection fails
     */
    public Reply docmd(String cmd, String args) throws SmtpException {
        putcmd(cmd, args);
        return getreply();
    }

    /**
     * Sends one command line without reading the reply.
     *
     * @param cmd the command verb
     * @param args the arguments, appended after a space when not empty
     * @throws IllegalArgumentException when the line would contain CR, LF or NUL (nothing is sent)
     * @throws SmtpException when the connection fails
     */
    public void putcmd(String cmd, String args) throws SmtpException {
        boolean auth = cmd.strip().equalsIgnoreCase("AUTH") && args != null && args.strip().contains(" ");
        String masked = auth ? "AUTH " + args.strip().split(" ")[0] + " " + WireTrace.MASK : null;
        byte[] line = CommandEncoder.encode(cmd, args, session.utf8Commands, auth);
        CommandChannel ch = channel();
        ch.send(line, masked);
        ch.flush();
    }

    /**
     * Reads the next reply.
     *
     * @return the reply
     * @throws SmtpException when the connection fails or the reply is malformed
     */
    public Reply getreply() throws SmtpException {
        return channel().read(options.timeouts().command(), false);
    }

    /**
     * @return HELO with the local host name; see {@link #helo(String)}
     * @throws SmtpException when the connection fails
     */
    public Reply helo() throws SmtpException {
        return helo("");
    }

    /**
     * Sends HELO and remembers the reply text as {@link #heloResp()}.
     *
     * @param name the name to announce, empty for the local host's fully qualified name
     * @return the reply
     * @throws SmtpException when the connection fails
     */
    public Reply helo(String name) throws SmtpException {
        Reply reply = docmd("HELO", name.isEmpty() ? localHostname() : name);
        session.heloResp = reply.message();
        return reply;
    }

    /**
     * @return EHLO (LHLO for LMTP) with the local host name; see {@link #ehlo(String)}
     * @throws SmtpException when the connection fails
     */
    public Reply ehlo() throws SmtpException {
        return ehlo("");
    }

    /**
     * Sends EHLO (LHLO for LMTP), parses the extensions of a 250 reply and remembers the reply text.
     *
     * @param name the name to announce, empty for the local host's fully qualified name
     * @return the reply
     * @throws SmtpException when the connection fails
     */
    public Reply ehlo(String name) throws SmtpException {
        session.features = EsmtpFeatures.NONE;
        Reply reply = docmd(kind.helloVerb, name.isEmpty() ? localHostname() : name);
        if (reply.code() == -1 && reply.message().isEmpty()) {
            abort();
            throw new SmtpServerDisconnectedException("Server not connected");
        }
        session.ehloResp = reply.message();
        if (reply.code() == 250) {
            session.doesEsmtp = true;
            session.features = EsmtpFeatures.parse(reply.message());
        }
        return reply;
    }

    /**
     * Sends EHLO (LHLO), falling back to HELO for SMTP, unless one was already answered in this session. A 421
     * to EHLO closes the connection, so there is no HELO then: the 421 is the refusal.
     *
     * @throws SmtpHeloException when the server refuses the greeting
     * @throws SmtpException when the connection fails
     */
    public void ehloOrHeloIfNeeded() throws SmtpException {
        if (session.heloResp != null || session.ehloResp != null) {
            return;
        }
        Reply reply = ehlo();
        if (reply.isPositive()) {
            return;
        }
        if (kind != Kind.LMTP && isConnected()) {
            reply = helo();
        }
        if (!reply.isPositive()) {
            throw new SmtpHeloException(reply.code(), reply.message(), kind == Kind.LMTP ? "LHLO" : "HELO");
        }
    }

    /**
     * @param name an extension keyword, any case
     * @return whether the last EHLO advertised it
     */
    public boolean hasExtn(String name) {
        return session.features.has(name);
    }

    /** @return the extensions of the last EHLO: lower-case keyword to parameters (smtplib's {@code esmtp_features}) */
    public Map<String, String> esmtpFeatures() {
        return session.features.asMap();
    }

    /** @return whether the server answered EHLO with 250 */
    public boolean doesEsmtp() {
        return session.doesEsmtp;
    }

    /** @return the text of the HELO reply, null until HELO was sent */
    public String heloResp() {
        return session.heloResp;
    }

    /** @return the text of the EHLO/LHLO reply, null until it was sent */
    public String ehloResp() {
        return session.ehloResp;
    }

    /**
     * @param address an address (display names are dropped)
     * @return the reply to VRFY
     * @throws SmtpException when the connection fails
     */
    public Reply verify(String address) throws SmtpException {
        return docmd("VRFY", Addresses.addrOnly(address));
    }

    /**
     * @param address a mailing list address
     * @return the reply to EXPN
     * @throws SmtpException when the connection fails
     */
    public Reply expn(String address) throws SmtpException {
        return docmd("EXPN", Addresses.addrOnly(address));
    }

    /**
     * @return the text of the reply to HELP
     * @throws SmtpException when the connection fails
     */
    public String help() throws SmtpException {
        return help("");
    }

    /**
     * @param topic the HELP argument
     * @return the text of the reply
     * @throws SmtpException when the connection fails
     */
    public String help(String topic) throws SmtpException {
        return docmd("HELP", topic).message();
    }

    /**
     * @return the reply to RSET, which also ends SMTPUTF8 command encoding
     * @throws SmtpException when the connection fails
     */
    public Reply rset() throws SmtpException {
        session.endTransaction();
        return docmd("RSET");
    }

    /**
     * @return the reply to NOOP
     * @throws SmtpException when the connection fails
     */
    public Reply noop() throws SmtpException {
        return docmd("NOOP");
    }

    /**
     * @param sender the sender address
     * @return the reply to MAIL FROM without parameters; see {@link #mail(String, List)}
     * @throws SmtpException when the connection fails
     */
    public Reply mail(String sender) throws SmtpException {
        return mail(sender, List.of());
    }

    /**
     * Sends MAIL FROM. As smtplib, parameters are sent only to ESMTP servers, and SMTPUTF8 among them switches
     * commands to UTF-8 (or fails when the server does not offer it).
     *
     * @param sender the sender address
     * @param options ESMTP parameters, one per element
     * @return the reply
     * @throws IllegalArgumentException for a malformed address or parameter (nothing is sent)
     * @throws SmtpNotSupportedException for SMTPUTF8 without server support
     * @throws SmtpException when the connection fails
     */
    public Reply mail(String sender, List<String> options) throws SmtpException {
        helloAfterTlsIfNeeded();
        String args = "FROM:" + Addresses.path(sender) + session.parameters(options, true);
        session.endTransaction();
        session.utf8Commands = session.wantsUtf8(options);
        return docmd("MAIL", args);
    }

    /**
     * @param recipient the recipient address
     * @return the reply to RCPT TO without parameters; see {@link #rcpt(String, List)}
     * @throws SmtpException when the connection fails
     */
    public Reply rcpt(String recipient) throws SmtpException {
        return rcpt(recipient, List.of());
    }

    /**
     * Sends RCPT TO (parameters only to ESMTP servers).
     *
     * @param recipient the recipient address
     * @param options ESMTP parameters, one per element
     * @return the reply
     * @throws IllegalArgumentException for a malformed address or parameter (nothing is sent)
     * @throws SmtpException when the connection fails
     */
    public Reply rcpt(String recipient, List<String> options) throws SmtpException {
        Reply reply = docmd("RCPT", "TO:" + Addresses.path(recipient) + session.parameters(options, false));
        session.recipients.add(new RecipientResult(recipient, reply, null, false));
        return reply;
    }

    /**
     * Sends DATA and the message; see {@link #data(byte[])}.
     *
     * @param msg the message, ASCII only (as smtplib)
     * @return the reply to the end of data
     * @throws SmtpException as {@link #data(byte[])}
     */
    public Reply data(String msg) throws SmtpException {
        return data(MessageSource.ofAscii(msg));
    }

    /**
     * Sends DATA and, after 354, the message with line ends normalised to CRLF and dots stuffed. For LMTP, one
     * reply per accepted recipient is read; the first is returned and all are in {@link #lastRecipientResults()}.
     *
     * @param msg the message
     * @return the reply to the end of data
     * @throws SmtpDataException when DATA is not answered with 354
     * @throws SmtpOutcomeUnknownException when the connection is lost after the end of data
     * @throws SmtpException when the connection fails
     */
    public Reply data(byte[] msg) throws SmtpException {
        return data(MessageSource.of(msg));
    }

    /**
     * Sends DATA and the message read from the stream (not closed); see {@link #data(byte[])}.
     *
     * @param msg the message
     * @return the reply to the end of data
     * @throws SmtpException as {@link #data(byte[])}
     */
    public Reply data(InputStream msg) throws SmtpException {
        return data(MessageSource.of(msg));
    }

    private Reply data(MessageSource msg) throws SmtpException {
        List<RecipientResult> results;
        try {
            results = DataCommand.send(channel(), options.timeouts(), kind == Kind.LMTP, session.recipients, msg);
        } catch (SmtpOutcomeUnknownException e) {
            session.lastResults = e.recipients();
            throw e;
        }
        session.lastResults = results;
        session.endTransaction();
        return results.stream().filter(r -> r.finalReply() != null).findFirst().orElseThrow().finalReply();
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
        Reply reply = new StartTls(channel(), options).run(host, context, session.features);
        session.reset();
        session.helloNeededAfterTls = true;
        return reply;
    }

    /**
     * Sends QUIT and closes the connection.
     *
     * @return the reply to QUIT
     * @throws SmtpException when the connection fails (it is closed anyway)
     */
    public Reply quit() throws SmtpException {
        try {
            return docmd("QUIT");
        } finally {
            session.reset();
            abort();
        }
    }

    /** Drops the connection without QUIT (smtplib's {@code close()}). */
    public void abort() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /**
     * Sends QUIT when connected, then closes, as leaving smtplib's {@code with} block. A server that is already
     * gone, does not answer in time or answers 421 is fine: whatever was sent before stays sent.
     *
     * @throws SmtpResponseException when QUIT is answered with something other than 221 or 421 (the connection
     *     is closed anyway)
     */
    @Override
    public void close() throws SmtpException {
        if (channel == null || !channel.isOpen()) {
            abort();
            return;
        }
        try {
            Reply reply = docmd("QUIT");
            if (reply.code() != 221 && reply.code() != 421) {
                throw new SmtpResponseException(reply.code(), reply.message(), "QUIT");
            }
        } catch (SmtpServerDisconnectedException ignored) {
            // smtplib ignores a server that is already gone when leaving the with block
        } finally {
            abort();
        }
    }

    /** @return whether a connection is open */
    public boolean isConnected() {
        return channel != null && channel.isOpen();
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

    private String localHostname() {
        return options.localHostname() != null ? options.localHostname() : LocalHostname.get();
    }

    private void helloAfterTlsIfNeeded() throws SmtpException {
        if (session.helloNeededAfterTls) {
            session.helloNeededAfterTls = false;
            ehloOrHeloIfNeeded();
        }
    }

    private Authenticator authenticator() throws SmtpException {
        return new Authenticator(channel(), options);
    }

    CommandChannel channel() throws SmtpServerDisconnectedException {
        if (channel == null) {
            throw new SmtpServerDisconnectedException("please run connect() first");
        }
        if (!channel.isOpen()) {
            throw new SmtpServerDisconnectedException("the connection to " + channel.peer()
                    + " is closed; run connect() again");
        }
        return channel;
    }

    Session session() {
        return session;
    }
}
