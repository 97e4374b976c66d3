package org.xsmtp.smtp;

import java.nio.charset.StandardCharsets;
import javax.security.sasl.SaslException;
import org.xsmtp.smtp.auth.CramMd5Mechanism;
import org.xsmtp.smtp.auth.SaslMechanism;

/**
 * Runs an smtplib-style {@link AuthObject} as a {@link SaslMechanism}, keeping smtplib's challenge count
 * (which {@code auth_login} reads) in the session.
 */
final class AuthObjectMechanism implements SaslMechanism {
    private final String name;
    private final AuthObject authObject;
    private final Session session;

    AuthObjectMechanism(String name, AuthObject authObject, Session session) {
        this.name = name;
        this.authObject = authObject;
        this.session = session;
        session.authChallengeCount = 0;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean sendsReusableSecret() {
        return false;
    }

    @Override
    public byte[] start() {
        String response = authObject.respond(null);
        if (response == null) {
            return null;
        }
        session.authChallengeCount = 1;
        return response.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] next(byte[] challenge) throws SaslException {
        session.authChallengeCount++;
        String response = authObject.respond(challenge);
        if (response == null) {
            throw new SaslException("the AuthObject for " + name + " gave no response to a challenge");
        }
        return response.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void complete() {
    }

    /**
     * smtplib's {@code auth_cram_md5}: null for the initial response, else {@code user hexdigest}; null (which
     * cancels the exchange) for an empty challenge, as {@link CramMd5Mechanism} refuses one.
     */
    static String cramMd5(Session session, byte[] challenge) {
        if (challenge == null || challenge.length == 0) {
            return null;
        }
        try {
            byte[] answer = new CramMd5Mechanism(session.user, session.password).next(challenge);
            return new String(answer, StandardCharsets.UTF_8);
        } catch (SaslException e) {
            throw new IllegalStateException("CRAM-MD5 failed: " + e.getMessage(), e);
        }
    }
}
