package org.xsmtp.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xsmtp.message.Envelope;
import org.xsmtp.smtp.SmtpClient;

/**
 * The ESMTP parameters of sendmail's {@code -B}, {@code -N}, {@code -R} and {@code -V}: checked when the
 * command line is read, and added to MAIL and RCPT only when the server advertises the extension they belong
 * to (8BITMIME, DSN), as sendmail and Angus Mail do; otherwise they are dropped.
 */
final class SubmitOptions {
    /** RFC 3461 §4.4: an envelope identifier holds at most 100 characters. */
    private static final int MAX_ENVID = 100;

    private final Settings settings;
    private final boolean eightBitMime;
    private final boolean dsn;

    private SubmitOptions(Settings settings, boolean eightBitMime, boolean dsn) {
        this.settings = settings;
        this.eightBitMime = eightBitMime;
        this.dsn = dsn;
    }

    /**
     * Greets the server (EHLO or LHLO, if not done yet) to learn what it offers.
     *
     * @param s the settings
     * @param client an open session
     * @return the parameters for this session
     * @throws CliFailure when the greeting fails
     */
    static SubmitOptions of(Settings s, SmtpClient client) throws CliFailure {
        try {
            client.ehloOrHeloIfNeeded();
        } catch (IOException | RuntimeException e) {
            throw Failures.of(e);
        }
        return new SubmitOptions(s, client.hasExtn("8bitmime"), client.hasExtn("dsn"));
    }

    /**
     * @param envelope the message's envelope
     * @return the MAIL parameters: smtplib's SMTPUTF8 and BODY=8BITMIME for a non-ASCII address, BODY=8BITMIME
     *     for {@code -B8BITMIME} when offered, RET= and ENVID= when DSN is offered
     */
    List<String> mail(Envelope envelope) {
        Set<String> options = new LinkedHashSet<>(EnvelopeChoice.mailOptions(envelope));
        if (settings.body8BitMime && eightBitMime) {
            options.add("BODY=8BITMIME");
        }
        if (dsn && settings.dsnRet != null) {
            options.add("RET=" + settings.dsnRet);
        }
        if (dsn && settings.envId != null) {
            options.add("ENVID=" + settings.envId);
        }
        return List.copyOf(options);
    }

    /** @return the parameters of every RCPT: NOTIFY= when {@code -N} was given and DSN is offered */
    List<String> rcpt() {
        return dsn && settings.dsnNotify != null ? List.of("NOTIFY=" + settings.dsnNotify) : List.of();
    }

    /**
     * @param value the value of {@code -B}
     * @return whether it asks for BODY=8BITMIME ({@code 8BITMIME}), not for nothing ({@code 7BIT})
     * @throws CliFailure with {@link ExitCode#USAGE} for any other value
     */
    static boolean body(String value) throws CliFailure {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "8BITMIME" -> true;
            case "7BIT" -> false;
            default -> throw CliFailure.usage("-B takes 7BIT or 8BITMIME");
        };
    }

    /**
     * @param value the value of {@code -N}: {@code never}, or a comma-separated list of {@code success},
     *     {@code failure}, {@code delay}, any case
     * @return the NOTIFY= value, upper case
     * @throws CliFailure with {@link ExitCode#USAGE} for anything else
     */
    static String notify(String value) throws CliFailure {
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("NEVER")) {
            return upper;
        }
        List<String> words = new ArrayList<>();
        for (String word : upper.split(",", -1)) {
            if (!List.of("SUCCESS", "FAILURE", "DELAY").contains(word) || words.contains(word)) {
                throw CliFailure.usage("-N takes never, or a comma-separated list of success, failure and delay"
                        + " (each at most once)");
            }
            words.add(word);
        }
        return String.join(",", words);
    }

    /**
     * @param value the value of {@code -R}: {@code hdrs} or {@code full}, any case
     * @return the RET= value, upper case
     * @throws CliFailure with {@link ExitCode#USAGE} for anything else
     */
    static String ret(String value) throws CliFailure {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!upper.equals("HDRS") && !upper.equals("FULL")) {
            throw CliFailure.usage("-R takes hdrs or full");
        }
        return upper;
    }

    /**
     * @param value the value of {@code -V}: the envelope identifier, 1 to 100 printable US-ASCII characters
     *     (space included), as RFC 3461 §4.4 requires
     * @return the identifier as xtext (RFC 3461 §4): {@code +}, {@code =}, space and the characters outside
     *     {@code !} to {@code ~} become {@code +XX}
     * @throws CliFailure with {@link ExitCode#USAGE} for an empty, too long or non-printable identifier
     */
    static String envId(String value) throws CliFailure {
        if (value.isEmpty() || value.length() > MAX_ENVID) {
            throw CliFailure.usage("-V takes an envelope identifier of 1 to " + MAX_ENVID + " characters");
        }
        StringBuilder xtext = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw CliFailure.usage("-V takes printable US-ASCII characters only");
            }
            if (c == ' ' || c == '+' || c == '=') {
                xtext.append('+').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                xtext.append(c);
            }
        }
        return xtext.toString();
    }
}
