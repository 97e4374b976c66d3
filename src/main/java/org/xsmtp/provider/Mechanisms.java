package org.xsmtp.provider;

import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Locale;
import org.xsmtp.smtp.auth.SaslMechanisms;

/**
 * Angus's {@code auth.mechanisms} against what the engine can run: password mechanisms go to
 * {@code login}, and a list naming only XOAUTH2/OAUTHBEARER means the password is an OAuth 2.0 token, as in
 * Angus. Names the engine lacks (DIGEST-MD5, NTLM) are skipped, as Angus skips those a server does not offer.
 */
final class Mechanisms {
    private static final List<String> TOKEN = List.of("XOAUTH2", "OAUTHBEARER");

    private Mechanisms() {
    }

    /** @return the listed password mechanisms, in order, upper case */
    static List<String> password(List<String> listed) {
        List<String> known = SaslMechanisms.passwordMechanisms();
        return upper(listed).stream().filter(known::contains).toList();
    }

    /** @return whether the list names token mechanisms and no password mechanism */
    static boolean tokenOnly(List<String> listed) {
        return listed != null && password(listed).isEmpty() && upper(listed).stream().anyMatch(TOKEN::contains);
    }

    /** Rejects a list with nothing the engine can run. */
    static void check(List<String> listed, ProviderProperties props) throws MessagingException {
        if (listed != null && password(listed).isEmpty() && !tokenOnly(listed)) {
            throw props.invalid("auth.mechanisms", String.join(" ", listed), "at least one of "
                    + String.join(", ", SaslMechanisms.passwordMechanisms()) + ", " + String.join(", ", TOKEN));
        }
    }

    private static List<String> upper(List<String> names) {
        return names.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
    }
}
