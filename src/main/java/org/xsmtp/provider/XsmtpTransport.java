package org.xsmtp.provider;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.event.ConnectionEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpException;

/**
 * The {@code xsmtp} transport: Jakarta Mail's {@link Transport} on the xsmtp engine, configured like Angus
 * Mail's {@code smtp}. Properties are read as {@code mail.xsmtp.<name>}, falling back to
 * {@code mail.smtp.<name>}, once per connect; the property table is in the README (Jakarta Mail provider, Properties).
 *
 * <p>{@link #sendMessage} takes {@link MimeMessage}s only. When the addresses are the message's own recipients
 * (what {@code Transport.send(msg)} passes) the envelope follows smtplib's {@code send_message} rules, so a
 * message with one Resent-* block goes to its Resent-* recipients; other addresses are used as given. Bcc
 * is never transmitted. Each send fires a {@code TransportEvent}, and failures are
 * {@link SmtpSendFailedException}s with Angus's address lists. One connection carries any number of
 * messages; the transport may be shared between threads (sends take turns).
 */
public class XsmtpTransport extends Transport {
    private final Flavor flavor;
    private final ReentrantLock lock = new ReentrantLock();
    private SmtpClient client;
    private TransportConfig config;
    private Opener reopen;

    /**
     * Called by {@link Session#getTransport}.
     *
     * @param session the session whose properties configure this transport
     * @param urlname the protocol (and optionally host, port, user) this transport was asked for, or null
     */
    public XsmtpTransport(Session session, URLName urlname) {
        this(session, urlname, Flavor.XSMTP);
    }

    XsmtpTransport(Session session, URLName urlname, Flavor flavor) {
        super(session, urlname);
        this.flavor = flavor;
    }

    /**
     * Connects. A null host or user is taken from the URL name, then {@code mail.<protocol>.host} /
     * {@code .user}, then Angus's {@code mail.smtp.*} (for xsmtps {@code mail.smtps.*}), before Jakarta Mail's
     * own {@code mail.host} and {@code mail.user}. Without a password, one saved in the session for this URL
     * name is used; when the server still wants one (or refuses the credentials), the session's
     * {@code Authenticator} is asked once, as Jakarta Mail's {@code Service.connect} does. Unlike
     * {@code Service.connect}, which holds the service's monitor throughout, the network I/O runs under a
     * {@link ReentrantLock}, so a virtual thread connecting does not pin its carrier.
     *
     * @param host the server, or null; for xlmtp a path starting with {@code /} is a Unix socket
     * @param port the port, or -1 for {@code port} or the protocol's default
     * @param user the user name, or null
     * @param password the password, or null to ask the session's {@code Authenticator} when needed
     * @throws IllegalStateException when already connected
     * @throws AuthenticationFailedException when credentials are missing or refused
     * @throws MessagingException when a property is invalid, the server cannot be reached or refuses
     */
    @Override
    public void connect(String host, int port, String user, String password) throws MessagingException {
        lock.lock();
        try {
            if (super.isConnected()) {
                throw new IllegalStateException("already connected");
            }
            ConnectTarget target = ConnectTarget.resolve(url, session, properties(), host, port, user, password);
            boolean save = false;
            if (target.password() == null) {
                PasswordAuthentication saved = session.getPasswordAuthentication(target.urlName(false));
                if (saved != null && (target.user() == null || target.user().equals(saved.getUserName()))) {
                    target = target.as(saved.getUserName(), saved.getPassword());
                } else {
                    save = true;
                }
            }
            target = open(target);
            setURLName(target.urlName(true));
            if (save && target.password() != null) {
                session.setPasswordAuthentication(getURLName(), new PasswordAuthentication(target.user(),
                        target.password()));
            }
            setConnected(true);
        } finally {
            lock.unlock();
        }
        notifyConnectionListeners(ConnectionEvent.OPENED);
    }

    /** Connects as given, else with what the session's {@code Authenticator} supplies; returns who connected. */
    private ConnectTarget open(ConnectTarget target) throws MessagingException {
        AuthenticationFailedException refused = null;
        try {
            if (protocolConnect(target.host(), target.port(), target.user(), target.password())) {
                return target;
            }
        } catch (AuthenticationFailedException e) {
            refused = e;
        }
        PasswordAuthentication asked = session.requestPasswordAuthentication(address(target.host()),
                target.port(), target.protocol(), null, target.user());
        if (asked != null) {
            ConnectTarget retry = target.as(asked.getUserName(), asked.getPassword());
            if (protocolConnect(retry.host(), retry.port(), retry.user(), retry.password())) {
                return retry;
            }
        }
        if (refused != null) {
            throw refused;
        }
        throw new AuthenticationFailedException(target.user() == null
                ? "failed to connect: no user name; set mail." + target.protocol() + ".user or pass one to connect"
                : "failed to connect: no password for " + target.user() + "; pass one to connect or give the "
                        + "Session an Authenticator");
    }

    /** The server's address for the {@code Authenticator}'s {@code getRequestingSite()}; null for a socket path. */
    private static InetAddress address(String host) {
        if (host == null || host.startsWith("/")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Reads the configuration, then opens the session: greeting, EHLO, STARTTLS, AUTH as configured.
     *
     * @param host the server, null for {@code localhost}
     * @param port the port, -1 for the {@code port} property or the default
     * @param user the user name, or null
     * @param password the password, or null
     * @return false when authentication is required and no user or password is known yet (Jakarta Mail then
     *     asks the session's {@code Authenticator} and calls again)
     * @throws MessagingException when a property is invalid or the session cannot be opened
     */
    @Override
    protected boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        ProviderProperties props = properties();
        TransportConfig cfg = TransportConfig.read(props);
        if (cfg.auth() && (user == null || password == null)) {
            return false;
        }
        String h = host != null ? host : cfg.host() != null ? cfg.host() : "localhost";
        int p = port >= 0 ? port : cfg.port() >= 0 ? cfg.port() : flavor.defaultPort;
        lock.lock();
        try {
            Opener opener = () -> {
                SmtpClient c = flavor.newClient(cfg, props, ClientOptions.of(cfg, session, h));
                new Handshake(c, cfg, flavor).open(h, p, user, password);
                return c;
            };
            SmtpClient c = opener.open();
            drop();
            client = c;
            config = cfg;
            reopen = opener;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Opens and greets a new engine client with the settings of the last connect. */
    @FunctionalInterface
    private interface Opener {
        SmtpClient open() throws MessagingException;
    }

    /**
     * Sends one message over the open connection; see the class comment for the envelope.
     *
     * @param message a {@link MimeMessage}
     * @param addresses the envelope recipients, all {@link InternetAddress}es; a group stands for its members
     * @throws SmtpSendFailedException when any recipient did not get the message, or with
     *     {@code reportsuccess=true} always
     * @throws SendFailedException when there are no addresses
     * @throws MessagingException when the message is not a MimeMessage or an address not an InternetAddress
     * @throws IllegalStateException when not connected
     */
    @Override
    public void sendMessage(Message message, Address[] addresses) throws MessagingException {
        if (!(message instanceof MimeMessage mime)) {
            throw new MessagingException("xsmtp sends MimeMessages only (RFC 5322 messages), not "
                    + (message == null ? "null" : message.getClass().getName()));
        }
        List<InternetAddress> recipients = internetAddresses(addresses);
        SendRun.Outcome outcome;
        boolean gone;
        lock.lock();
        try {
            if (client == null) {
                throw new IllegalStateException("Not connected");
            }
            outcome = reopenIfDropped(recipients);
            gone = outcome != null && markClosed();
            if (outcome == null) {
                outcome = new SendRun(client, config).send(mime, recipients);
            }
        } finally {
            lock.unlock();
        }
        DeliveryReport r = outcome.report();
        notifyTransportListeners(r.eventType(), DeliveryReport.array(r.sent()), DeliveryReport.array(r.unsent()),
                DeliveryReport.array(r.invalid()), message);
        if (gone) {
            notifyConnectionListeners(ConnectionEvent.CLOSED); // the connection could not be restored
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
    }

    /**
     * The engine drops the connection after a 421, a timeout, or a DATA it could only refuse that way (with
     * sendpartial=false), while the transport is still connected for the application: so it reconnects with
     * the same settings.
     *
     * @return null when the connection is usable, else the outcome of a send that could not start
     */
    private SendRun.Outcome reopenIfDropped(List<InternetAddress> recipients) {
        if (client.isConnected()) {
            return null;
        }
        drop();
        try {
            client = reopen.open();
            return null;
        } catch (MessagingException e) {
            return SendRun.notConnected(recipients, e);
        }
    }

    /**
     * Checks the connection with NOOP; a server that is gone, or answers 421, closes it (and the connection
     * listeners hear CLOSED).
     *
     * @return whether the server is still there
     */
    @Override
    public boolean isConnected() {
        if (!super.isConnected()) {
            return false;
        }
        boolean closedNow;
        lock.lock();
        try {
            if (client != null && client.isConnected()) {
                try {
                    Reply reply = client.noop();
                    if (reply.code() >= 0 && reply.code() != 421) {
                        return true;
                    }
                } catch (SmtpException gone) {
                    // fall through: the connection is unusable
                }
            }
            drop();
            closedNow = markClosed();
        } finally {
            lock.unlock();
        }
        if (closedNow) {
            notifyConnectionListeners(ConnectionEvent.CLOSED); // as Angus does
        }
        return false;
    }

    /**
     * Marks the transport closed; called holding the lock, so that no other thread's connect can come between
     * the check and the change. The CLOSED event is for the caller to fire after unlocking.
     *
     * @return whether the transport was connected until now
     */
    private boolean markClosed() {
        if (!super.isConnected()) {
            return false;
        }
        setConnected(false);
        return true;
    }

    /**
     * Sends QUIT (waiting for the reply unless {@code quitwait=false}), closes the connection and tells the
     * connection listeners; does nothing on a transport that is not connected.
     *
     * @throws MessagingException never for a server that is already gone
     */
    @Override
    public void close() throws MessagingException {
        lock.lock();
        try {
            if (!super.isConnected()) {
                drop();
                return; // already closed: no second CLOSED event, as with Angus
            }
            markClosed();
            if (client != null && client.isConnected()) {
                try {
                    if (config.quitWait()) {
                        client.quit();
                    } else {
                        client.putcmd("QUIT", "");
                    }
                } catch (SmtpException ignored) {
                    // closing anyway; a server that vanished has nothing more to say
                }
            }
            drop();
        } finally {
            lock.unlock();
        }
        notifyConnectionListeners(ConnectionEvent.CLOSED);
    }

    private void drop() {
        if (client != null) {
            client.abort();
            client = null;
        }
    }

    private ProviderProperties properties() {
        String protocol = url != null && url.getProtocol() != null ? url.getProtocol() : flavor.protocol;
        return new ProviderProperties(session.getProperties(), protocol, flavor.fallback);
    }

    private static List<InternetAddress> internetAddresses(Address[] addresses) throws MessagingException {
        if (addresses == null || addresses.length == 0) {
            throw new SendFailedException("No recipient addresses");
        }
        List<InternetAddress> out = new ArrayList<>(addresses.length);
        for (Address a : addresses) {
            if (!(a instanceof InternetAddress ia)) {
                throw new MessagingException(a + " is not an InternetAddress: xsmtp sends to e-mail addresses only");
            }
            out.addAll(EnvelopeChoice.members(ia));
        }
        if (out.isEmpty()) {
            throw new SendFailedException("No recipient addresses: only empty groups were given");
        }
        return out;
    }
}
