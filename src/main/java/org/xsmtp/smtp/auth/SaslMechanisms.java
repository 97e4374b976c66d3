package org.xsmtp.smtp.auth;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/** Creates {@link SaslMechanism} instances by name and lists the mechanisms this package offers. */
public final class SaslMechanisms {

    /**
     * Password mechanisms from strongest to weakest, for a login that picks the first one the server
     * advertises: SCRAM-SHA-256, CRAM-MD5, PLAIN, LOGIN.
     */
    public static final List<String> STRONGEST_FIRST = List.of(
            ScramSha256Mechanism.NAME, CramMd5Mechanism.NAME, PlainMechanism.NAME, LoginMechanism.NAME);

    /** The order in which Python's smtplib tries password mechanisms: CRAM-MD5, PLAIN, LOGIN. */
    public static final List<String> SMTPLIB_ORDER = List.of(
            CramMd5Mechanism.NAME, PlainMechanism.NAME, LoginMechanism.NAME);

    private static final List<String> PASSWORD_MECHANISMS = List.of(
            PlainMechanism.NAME, LoginMechanism.NAME, CramMd5Mechanism.NAME, ScramSha256Mechanism.NAME);

    private static final List<String> TOKEN_MECHANISMS = List.of(XOAuth2Mechanism.NAME, OAuthBearerMechanism.NAME);

    private SaslMechanisms() {
    }

    /**
     * Creates a mechanism that logs in with a password.
     *
     * @param name the mechanism name, in any letter case: PLAIN, LOGIN, CRAM-MD5 or SCRAM-SHA-256
     * @param user the username
     * @param password the password
     * @return a new single-use exchange
     * @throws IllegalArgumentException if {@code name} is not a password mechanism of this package
     */
    public static SaslMechanism forPassword(String name, String user, String password) {
        switch (canonical(name)) {
            case PlainMechanism.NAME:
                return new PlainMechanism(user, password);
            case LoginMechanism.NAME:
                return new LoginMechanism(user, password);
            case CramMd5Mechanism.NAME:
                return new CramMd5Mechanism(user, password);
            case ScramSha256Mechanism.NAME:
                return new ScramSha256Mechanism(user, password);
            default:
                throw unknown("password", name, PASSWORD_MECHANISMS);
        }
    }

    /**
     * Creates a mechanism that logs in with an OAuth 2.0 access token.
     *
     * @param name the mechanism name, in any letter case: XOAUTH2 or OAUTHBEARER
     * @param user the account name
     * @param token supplies the access token; asked once per exchange, so it can hand out fresh tokens
     * @return a new single-use exchange
     * @throws IllegalArgumentException if {@code name} is not a token mechanism of this package
     */
    public static SaslMechanism forToken(String name, String user, Supplier<String> token) {
        switch (canonical(name)) {
            case XOAuth2Mechanism.NAME:
                return new XOAuth2Mechanism(user, token);
            case OAuthBearerMechanism.NAME:
                return new OAuthBearerMechanism(user, token);
            default:
                throw unknown("token", name, TOKEN_MECHANISMS);
        }
    }

    /**
     * Lists the names {@link #forPassword} accepts.
     *
     * @return PLAIN, LOGIN, CRAM-MD5 and SCRAM-SHA-256, unmodifiable
     */
    public static List<String> passwordMechanisms() {
        return PASSWORD_MECHANISMS;
    }

    /**
     * Lists the names {@link #forToken} accepts.
     *
     * @return XOAUTH2 and OAUTHBEARER, unmodifiable
     */
    public static List<String> tokenMechanisms() {
        return TOKEN_MECHANISMS;
    }

    private static String canonical(String name) {
        return Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String kind, String name, List<String> known) {
        return new IllegalArgumentException(
                "unknown " + kind + " SASL mechanism '" + name + "'; known: " + String.join(", ", known));
    }
}
