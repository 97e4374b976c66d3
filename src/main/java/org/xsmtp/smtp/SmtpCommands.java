package org.xsmtp.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xsmtp.wire.CommandEncoder;

/**
 * The smtplib session under {@link SmtpClient}: connecting, the one-command methods (docmd, HELO/EHLO, VRFY,
 * MAIL, RCPT, DATA, RSET...), QUIT and closing, with what the session learnt from the server. Package-private:
 * its public methods are documented and used as {@link SmtpClient}'s, which adds sending, authentication and
 * TLS on top.
 */
abstract class SmtpCommands implements Closeable {
    final Kind kind;
    final SmtpOptions options;
    private final WireTrace trace;
    final Session session = new Session();
    private CommandChannel channel;
    private String host;

    SmtpCommands(Kind kind, SmtpOptions options) {
        this.kind = kind;
        this.options = Objects.requireNonNull(options, "options");
        this.trace = new WireTrace(options.debugLevel(), options.debugOut());
    }

    SmtpCommands(Kind kind, String host, int port, SmtpOptions options) throws IOException {
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
     * Sends DATA and, after 354, the message with line ends normalised to CRLF and dots stuffed. As smtplib, the
     * reply to the end of data is returned unchecked, also when every RCPT was refused. For LMTP, one reply per
     * accepted recipient is read; the first is returned and all are in {@link SmtpClient#lastRecipientResults()}
     * (with no accepted recipient, one reply is read and returned, as for SMTP).
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
        DataCommand.Outcome outcome;
        try {
            outcome = DataCommand.send(channel(), options.timeouts(), kind == Kind.LMTP, session.recipients, msg);
        } catch (SmtpOutcomeUnknownException e) {
            session.lastResults = e.recipients();
            throw e;
        }
        session.lastResults = outcome.results();
        session.endTransaction();
        return outcome.reply();
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

    private String localHostname() {
        return options.localHostname() != null ? options.localHostname() : LocalHostname.get();
    }

    private void helloAfterTlsIfNeeded() throws SmtpException {
        if (session.helloNeededAfterTls) {
            session.helloNeededAfterTls = false;
            ehloOrHeloIfNeeded();
        }
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

    /** @return the host name the caller gave (for TLS), or null before the first connect */
    String host() {
        return host;
    }
}
