package org.xsmtp.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import javax.security.sasl.SaslException;
import org.xsmtp.smtp.auth.SaslMechanism;
import org.xsmtp.wire.CommandEncoder;

/**
 * The AUTH exchange (RFC 4954) as smtplib runs it: {@code AUTH <mechanism> [initial-response]}, then one
 * base64 line per 334 challenge until 235 (success), 503 (already authenticated) or an error. Beyond
 * smtplib: the exchange is cut off after {@value #MAX_CHALLENGES} challenges and cancelled with {@code *},
 * mechanisms that send reusable secrets are refused on unencrypted links to other hosts, and no payload
 * reaches the wire trace.
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

    /** @return whether the connection is still open (a client-side failure of a mechanism closes it) */
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
        try {
            byte[] initial = initialResponseOk ? mechanism.start() : null;
            Reply reply = initial != null
                    ? send("AUTH", name + " " + encode(initial), "AUTH " + name + " " + WireTrace.MASK)
                    : send("AUTH", name, null);
            int challenges = 0;
            while (reply.code() == 334) {
                if (++challenges > MAX_CHALLENGES) {
                    throw cancel(reply, "server AUTH mechanism loops: more than " + MAX_CHALLENGES + " challenges");
                }
                byte[] response;
                try {
                    response = mechanism.next(Base64.getMimeDecoder().decode(reply.message()));
                } catch (IllegalArgumentException e) {
                    throw cancel(reply, "challenge is not valid base64");
                }
                reply = send(encode(response), "", WireTrace.MASK);
            }
            if (reply.code() == 235) {
                mechanism.complete();
                return reply;
            }
            if (reply.code() == 503) {
                return reply;
            }
            throw new SmtpAuthenticationException(reply.code(), reply.message(), "AUTH " + name);
        } catch (SaslException e) {
            ch.close();
            throw new SmtpAuthenticationException(-1, "AUTH " + name + " failed on the client side: "
                    + e.getMessage() + "; connection closed", "AUTH " + name);
        }
    }

    /** Cancels the exchange (RFC 4954 {@code *}) and reports why. */
    private SmtpException cancel(Reply last, String why) throws SmtpException {
        Reply answer = send("*", "", null);
        return new SmtpAuthenticationException(answer.code(), answer.message() + " (client cancelled: " + why
                + "; last challenge " + last.code() + ")", "AUTH");
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
