package org.xsmtp.provider;

import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

/**
 * Everything a transport reads from the session, once per connect. Names and meanings follow Angus Mail
 * (see the README, Jakarta Mail provider, Properties); null means unset.
 *
 * @param protocol the protocol name the properties were read under
 * @param host {@code host}
 * @param port {@code port}, -1 when unset
 * @param user {@code user}
 * @param auth {@code auth}: authentication is required
 * @param from {@code from}: the envelope sender
 * @param localhost {@code localhost}: the name for EHLO/HELO/LHLO
 * @param localAddress {@code localaddress}
 * @param localPort {@code localport}, 0 when unset
 * @param timeouts the three time limits in milliseconds
 * @param startTlsEnable {@code starttls.enable}
 * @param startTlsRequired {@code starttls.required}
 * @param sslEnable {@code ssl.enable}: implicit TLS
 * @param tls {@code ssl.*}: how to check the server
 * @param authMechanisms {@code auth.mechanisms}
 * @param allowInsecureAuth {@code auth.allowinsecure} (xsmtp)
 * @param dsnNotify {@code dsn.notify}, upper case
 * @param dsnRet {@code dsn.ret}, upper case
 * @param sendPartial {@code sendpartial}
 * @param reportSuccess {@code reportsuccess}
 * @param quitWait {@code quitwait}
 * @param ehlo {@code ehlo}
 * @param pipelining {@code pipelining} (xsmtp)
 * @param chunking {@code chunking} (xsmtp)
 */
record TransportConfig(String protocol, String host, int port, String user, boolean auth, String from,
        String localhost, String localAddress, int localPort, Timeouts timeouts, boolean startTlsEnable,
        boolean startTlsRequired, boolean sslEnable, Tls tls, List<String> authMechanisms,
        boolean allowInsecureAuth, String dsnNotify, String dsnRet, boolean sendPartial, boolean reportSuccess,
        boolean quitWait, boolean ehlo, boolean pipelining, boolean chunking) {

    private static final Set<String> NOTIFY_WORDS = Set.of("SUCCESS", "FAILURE", "DELAY");

    /**
     * Angus's {@code connectiontimeout}, {@code timeout} and {@code writetimeout}, in milliseconds; 0 when unset
     * (or not positive), which keeps the engine's RFC 5321 limit.
     */
    record Timeouts(int connect, int read, int write) {
    }

    /**
     * The {@code ssl.*} properties.
     *
     * @param checkServerIdentity {@code ssl.checkserveridentity}, default true
     * @param trust {@code ssl.trust} as words ({@code *} or host names), or null
     * @param protocols {@code ssl.protocols}, or null
     * @param cipherSuites {@code ssl.ciphersuites}, or null
     * @param socketFactory {@code ssl.socketFactory}, or null
     */
    record Tls(boolean checkServerIdentity, List<String> trust, List<String> protocols, List<String> cipherSuites,
            SSLSocketFactory socketFactory) {
    }

    static TransportConfig read(ProviderProperties p) throws MessagingException {
        Mechanisms.check(p.words("auth.mechanisms"), p);
        return new TransportConfig(p.protocol(), p.string("host"), port(p), p.string("user"),
                p.bool("auth", false), p.string("from"), p.string("localhost"), p.string("localaddress"),
                nonNegative(p, "localport"), new Timeouts(millis(p, "connectiontimeout"), millis(p, "timeout"),
                        millis(p, "writetimeout")),
                p.bool("starttls.enable", false), p.bool("starttls.required", false), p.bool("ssl.enable", false),
                tls(p), p.words("auth.mechanisms"), p.bool("auth.allowinsecure", false), notify(p),
                p.oneOf("dsn.ret", "FULL", "HDRS"), p.bool("sendpartial", false), p.bool("reportsuccess", false),
                p.bool("quitwait", true), p.bool("ehlo", true), p.bool("pipelining", true),
                p.bool("chunking", true));
    }

    private static Tls tls(ProviderProperties p) throws MessagingException {
        Object factory = p.object("ssl.socketFactory");
        if (factory != null && !(factory instanceof SSLSocketFactory)) {
            throw p.invalid("ssl.socketFactory", factory.getClass().getName(),
                    "a javax.net.ssl.SSLSocketFactory instance");
        }
        return new Tls(p.bool("ssl.checkserveridentity", true), p.words("ssl.trust"), p.words("ssl.protocols"),
                p.words("ssl.ciphersuites"), (SSLSocketFactory) factory);
    }

    private static int port(ProviderProperties p) throws MessagingException {
        int port = p.integer("port", -1);
        if (port < -1 || port > 65535) {
            throw p.invalid("port", port, "a port number from 0 to 65535");
        }
        return port;
    }

    private static int nonNegative(ProviderProperties p, String name) throws MessagingException {
        int value = p.integer(name, 0);
        if (value < 0 || value > 65535) {
            throw p.invalid(name, value, "a port number from 0 to 65535");
        }
        return value;
    }

    private static int millis(ProviderProperties p, String name) throws MessagingException {
        return Math.max(0, p.integer(name, 0));
    }

    private static String notify(ProviderProperties p) throws MessagingException {
        String text = p.string("dsn.notify");
        if (text == null) {
            return null;
        }
        String upper = text.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
        List<String> words = List.of(upper.split(","));
        boolean valid = upper.equals("NEVER") || (!words.isEmpty() && NOTIFY_WORDS.containsAll(words));
        if (!valid) {
            throw p.invalid("dsn.notify", text, "NEVER or a comma-separated list of SUCCESS, FAILURE, DELAY");
        }
        return upper;
    }
}
