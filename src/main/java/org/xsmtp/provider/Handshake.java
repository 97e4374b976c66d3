package org.xsmtp.provider;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpException;
import org.xsmtp.smtp.SmtpHeloException;
import org.xsmtp.smtp.SmtpServerDisconnectedException;

/**
 * Opens a session the way the properties ask, through the engine's public calls: connect, EHLO (or HELO with
 * {@code ehlo=false}), STARTTLS when enabled and offered (required with {@code starttls.required}), then
 * AUTH when {@code auth} is set or a user and password were given. Any failure closes the connection.
 */
final class Handshake {
    private final SmtpClient client;
    private final TransportConfig config;
    private final Flavor flavor;

    Handshake(SmtpClient client, TransportConfig config, Flavor flavor) {
        this.client = client;
        this.config = config;
        this.flavor = flavor;
    }

    void open(String host, int port, String user, String password) throws MessagingException {
        Reply greeting;
        try {
            greeting = client.connect(host, port);
        } catch (IOException | RuntimeException e) {
            client.abort();
            throw new MessagingException("could not connect to " + where(host, port) + ": " + e.getMessage(), e);
        }
        if (greeting.code() != 220) {
            client.abort();
            throw new MessagingException(where(host, port) + " refused the session: " + greeting);
        }
        try {
            hello();
            startTls(host, port);
            authenticate(user, password);
        } catch (IOException | RuntimeException e) {
            quietQuit();
            throw new MessagingException(e.getMessage(), e);
        } catch (MessagingException e) {
            quietQuit();
            throw e;
        }
    }

    private void hello() throws SmtpException {
        if (config.ehlo() || flavor == Flavor.XLMTP) {
            client.ehloOrHeloIfNeeded();
            return;
        }
        Reply reply = client.helo();
        if (!reply.isPositive()) {
            throw new SmtpHeloException(reply.code(), reply.message(), "HELO");
        }
    }

    private void startTls(String host, int port) throws IOException, MessagingException {
        if (flavor.implicitTls(config) || !(config.startTlsEnable() || config.startTlsRequired())) {
            return;
        }
        if (client.hasExtn("starttls")) {
            client.starttls();
            client.ehloOrHeloIfNeeded();
        } else if (config.startTlsRequired()) {
            throw new MessagingException("STARTTLS is required (mail." + config.protocol()
                    + ".starttls.required) but " + where(host, port) + " does not offer it");
        }
    }

    private void authenticate(String user, String password) throws SmtpException, MessagingException {
        if (!config.auth() && (user == null || password == null)) {
            return;
        }
        if (!client.hasExtn("auth")) {
            if (config.auth()) {
                throw new AuthenticationFailedException("authentication is required (mail." + config.protocol()
                        + ".auth=true) but the server does not offer AUTH"
                        + (client.hasExtn("starttls") ? "; it offers STARTTLS: set starttls.enable" : ""));
            }
            return;
        }
        try {
            if (Mechanisms.tokenOnly(config.authMechanisms())) {
                client.loginOAuth2(user, () -> password);
            } else {
                client.login(user, password);
            }
        } catch (SmtpServerDisconnectedException e) {
            throw e;
        } catch (SmtpException e) {
            // refused credentials, no common mechanism, or a password that would cross the network in clear
            throw new AuthenticationFailedException(e.getMessage(), e);
        }
    }

    private void quietQuit() {
        try {
            client.close();
        } catch (SmtpException ignored) {
            // the session failed already; that failure is the one to report
        } finally {
            client.abort();
        }
    }

    private static String where(String host, int port) {
        return host.startsWith("/") ? host : host + ":" + port;
    }
}
