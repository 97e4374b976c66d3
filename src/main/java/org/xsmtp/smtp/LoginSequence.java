package org.xsmtp.smtp;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xsmtp.smtp.auth.SaslMechanism;

/**
 * smtplib's {@code login} loop: the preferred mechanisms the server advertises, tried in turn while the server
 * answers with an authentication failure. A mechanism the transport policy refuses is skipped; if nothing
 * else was tried, that refusal is what the caller gets. A client-side failure of a mechanism (a credential it
 * cannot encode, a challenge it cannot answer) leaves the connection open and counts as a failure like 535.
 * A failure that closed the connection (a server that failed mutual authentication, such as a wrong SCRAM
 * server signature, or a 421) ends the loop and is what the caller gets.
 */
final class LoginSequence {
    private final Authenticator authenticator;
    private final EsmtpFeatures features;
    private final List<String> preference;

    LoginSequence(Authenticator authenticator, EsmtpFeatures features, List<String> preference) {
        this.authenticator = authenticator;
        this.features = features;
        this.preference = preference;
    }

    Reply run(Function<String, SaslMechanism> mechanisms, boolean initialResponseOk) throws SmtpException {
        if (!features.has("auth")) {
            throw new SmtpNotSupportedException("SMTP AUTH extension not supported by server.");
        }
        Set<String> advertised = Arrays.stream(features.get("auth").trim().split("\\s+"))
                .map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> candidates = preference.stream().filter(advertised::contains).toList();
        if (candidates.isEmpty()) {
            throw new SmtpException("No suitable authentication method found.");
        }
        SmtpAuthenticationException failure = null;
        SmtpSecurityException refusal = null;
        for (String name : candidates) {
            try {
                return authenticator.run(mechanisms.apply(name), initialResponseOk);
            } catch (SmtpAuthenticationException e) {
                failure = e;
                if (!authenticator.isOpen()) {
                    break; // the connection is gone, e.g. after a forged SCRAM server signature
                }
            } catch (SmtpSecurityException e) {
                refusal = refusal == null ? e : refusal;
            }
        }
        if (failure == null) {
            throw refusal;
        }
        if (refusal != null) {
            failure.addSuppressed(refusal);
        }
        throw failure;
    }
}
