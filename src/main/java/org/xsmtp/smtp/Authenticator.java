package org.xsmtp.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import javax.security.sasl.SaslException;
import org.xsmtp.smtp.auth.SaslMechanism;
import org.xsmtp.smtp.auth.ServerNotAuthenticatedException;
import org.xsmtp.wire.CommandEncoder;

/**
 * The AUTH exchange (RFC 4954) as smtplib runs it: {@code AUTH <mechanism> [initial-response]}, then one
 * base64 line per 334 challenge until 235 (success), 503 (already authenticated) or an error. Beyond
 * smtplib: the exchange is cut off after {@value #MAX_CHALLENGES} challenges and cancelled with {@code *},
 * mechanisms that send reusable secrets are refused on unencrypted links to other hosts, and no payload
 * reaches the wire trace.
 *
 * <p>A failure on the client side leaves the connection open, as smtplib does after its exceptions: before
 * AUTH is sent nothing is written ({@link SmtpAuthenticationException} with code -1); after a 334 the
 * exchange is cancelled with {@code *} (RFC 4954 §4) and the server's answer, normally 501, is reported.
 * Either way {@code login()} goes on to the next mechanism. Only a server that fails mutual authentication
 * ({@link ServerNotAuthenticatedException}, or any failure of {@link SaslMechanism#complete()} after a 235)
 * makes the client drop the connection.
 */
final class Authenticator {
    /** smtplib's {@code _MAXCHALLENGE}. */
    static final int MAX_CHALLENGES = 5;
    private static final Set<String> REUSABLE_SECRET_MECHANISMS = Set.of("PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER");

    private final CommandChannel ch;
    private final SmtpOptions options;

    Authenticator(CommandChannel ch, SmtpOptions options) {
        this.ch = ch;
        this.options = options;
    }

    /** @return whether the connection is still open (a server that failed mutual authentication closes it) */
    boolean isOpen() {
        return ch.isOpen();
    }

    /** Refuses reusable secrets over plaintext to another host unless the caller allowed it. */
    void checkTransport(String mechanism, boolean reusableSecret) throws SmtpSecurityException {
        boolean reusable = reusableSecret || REUSABLE_SECRET_MECHANISMS.contains(mechanism.toUpperCase(Locale.ROOT));
        if (reusable && !ch.connection().isSecure() && !options.isLocalPeer(ch.connection())
                && !options.allowInsecureAuth()) {
            throw new SmtpSecurityException("refusing AUTH " + mechanism + " over an unencrypted connection to "
                    + ch.peer() + ": the secret could be read and reused; use starttls() or SmtpSslClient, or "
                    + "allow it with SmtpOptions.builder().allowInsecureAuth(true) (provider property "
                    + "mail.<protocol>.auth.allowinsecure=true)");
        }
    }

    Reply run(SaslMechanism mechanism, boolean initialResponseOk) throws SmtpException {
        String name = mechanism.name().toUpperCase(Locale.ROOT);
        checkTransport(name, mechanism.sendsReusableSecret());
        byte[] initial;
        try {
            initial = initialResponseOk ? mechanism.start() : null;
        } catch (SaslException e) {
            throw clientSide(name, e, "nothing was sent");
        }
        // RFC 4954 §4: an empty initial response is sent as "="
        Reply reply = initial != null
                ? send("AUTH", name + " " + (initial.length == 0 ? "=" : encode(initial)),
                        "AUTH " + name + " " + WireTrace.MASK)
                : send("AUTH", name, null);
        int challenges = 0;
        while (reply.code() == 334) {
            if (++challenges > MAX_CHALLENGES) {
                throw cancel(name, reply, "server AUTH mechanism loops: more than " + MAX_CHALLENGES
                        + " challenges", null);
            }
            byte[] challenge;
            try {
                challenge = Base64.getMimeDecoder().decode(reply.message());
            } catch (IllegalArgumentException e) {
                throw cancel(name, reply, "challenge is not valid base64", null);
            }
            byte[] response;
            try {
                response = mechanism.next(challenge);
            } catch (ServerNotAuthenticatedException e) {
                ch.close();
                throw clientSide(name, e, "connection closed");
            } catch (SaslException e) {
                throw cancel(name, reply, e.getMessage(), e);
            }
            reply = send(encode(response), "", WireTrace.MASK);
        }
        if (reply.code() == 235 || reply.code() == 503) {
            // 503 ("already authenticated") counts as success, as in smtplib; either way a mechanism that
            // authenticates the server must have seen its proof
            try {
                mechanism.complete();
            } catch (SaslException e) {
                // the server says we are logged in but did not prove itself: nothing more goes to it
                ch.close();
                throw clientSide(name, e, "connection closed");
            }
            return reply;
        }
        throw new SmtpAuthenticationException(reply.code(), reply.message(), "AUTH " + name);
    }

    /** A client-side failure that got no reply from the server: code -1. */
    private static SmtpAuthenticationException clientSide(String name, SaslException cause, String what) {
        SmtpAuthenticationException e = new SmtpAuthenticationException(-1, "AUTH " + name
                + " failed on the client side: " + cause.getMessage() + "; " + what, "AUTH " + name);
        e.initCause(cause);
        return e;
    }

    /** Cancels the exchange (RFC 4954 {@code *}) and reports the server's answer and why. */
    private SmtpException cancel(String name, Reply last, String why, SaslException cause) throws SmtpException {
        Reply answer;
        try {
            answer = send("*", "", null);
        } catch (SmtpException e) {
            if (cause != null) {
                e.addSuppressed(cause);
            }
            throw e;
        }
        SmtpAuthenticationException e = new SmtpAuthenticationException(answer.code(), answer.message()
                + " (client cancelled: " + why + "; last challenge " + last.code() + ")", "AUTH " + name);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private Reply send(String verb, String args, String masked) throws SmtpException {
        ch.send(CommandEncoder.encode(verb, args, false, masked != null), masked);
        return ch.read(options.timeouts().command(), true);
    }

    static String encode(byte[] raw) {
        return Base64.getEncoder().encodeToString(raw);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
