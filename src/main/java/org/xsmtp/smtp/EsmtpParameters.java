package org.xsmtp.smtp;

import java.util.List;
import org.xsmtp.wire.Escapes;

/**
 * Checks ESMTP parameters (RFC 5321 §4.1.2: {@code keyword[=value]}) before they join a MAIL or RCPT command,
 * so one option can never add a second parameter or end the command early.
 */
final class EsmtpParameters {
    private EsmtpParameters() {
    }

    static void check(List<String> options) {
        for (String option : options) {
            String problem = problem(option);
            if (problem != null) {
                throw new IllegalArgumentException("invalid ESMTP parameter " + Escapes.escape(option) + ": "
                        + problem + " (expected keyword or keyword=value, one parameter per list element)");
            }
        }
    }

    private static String problem(String option) {
        if (option == null || option.isEmpty()) {
            return "empty";
        }
        int eq = option.indexOf('=');
        int keywordEnd = eq < 0 ? option.length() : eq;
        if (keywordEnd == 0) {
            return "no keyword";
        }
        for (int i = 0; i < keywordEnd; i++) {
            char c = option.charAt(i);
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            if (!alnum && !(c == '-' && i > 0)) {
                return "keyword has a character other than letters, digits and '-'";
            }
        }
        if (eq < 0) {
            return null;
        }
        if (eq == option.length() - 1) {
            return "empty value";
        }
        for (int i = eq + 1; i < option.length(); i++) {
            char c = option.charAt(i);
            if (c <= 0x20 || c == '=' || c == 0x7F) {
                return "value contains space, '=' or a control character";
            }
        }
        return null;
    }
}
