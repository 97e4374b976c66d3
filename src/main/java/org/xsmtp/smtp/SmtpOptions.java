package org.xsmtp.smtp;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.xsmtp.net.Connection;

/**
 * Immutable settings of a client, made with {@link #builder()}. The defaults are the safe ones: certificates
 * and host names are checked, passwords are not sent in the clear to other machines, and every wait has the
 * RFC 5321 time limit.
 */
public final class SmtpOptions {
    /** smtplib's order of password mechanisms for {@code login}. */
    public static final List<String> SMTPLIB_AUTH_ORDER = List.of("CRAM-MD5", "PLAIN", "LOGIN");

    private final String localHostname;
    private final SmtpTimeouts timeouts;
    private final InetSocketAddress sourceAddress;
    private final SSLContext sslContext;
    private final SSLSocketFactory sslSocketFactory;
    private final String tlsServerName;
    private final boolean dangerouslySkipHostnameVerification;
    private final List<String> tlsProtocols;
    private final List<String> tlsCipherSuites;
    private final int debugLevel;
    private final PrintStream debugOut;
    private final boolean allowInsecureAuth;
    private final List<String> authMechanisms;
    private final boolean pipelining;
    private final boolean chunking;
    private final boolean requireAllRecipients;
    private final Predicate<Connection> localPeer;

    private SmtpOptions(Builder b) {
        localHostname = b.localHostname;
        timeouts = b.timeouts;
        sourceAddress = b.sourceAddress;
        sslContext = b.sslContext;
        sslSocketFactory = b.sslSocketFactory;
        tlsServerName = b.tlsServerName;
        dangerouslySkipHostnameVerification = b.dangerouslySkipHostnameVerification;
        tlsProtocols = b.tlsProtocols;
        tlsCipherSuites = b.tlsCipherSuites;
        debugLevel = b.debugLevel;
        debugOut = b.debugOut;
        allowInsecureAuth = b.allowInsecureAuth;
        authMechanisms = b.authMechanisms;
        pipelining = b.pipelining;
        chunking = b.chunking;
        requireAllRecipients = b.requireAllRecipients;
        localPeer = b.localPeer;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static SmtpOptions defaults() {
        return new Builder().build();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.localHostname = localHostname;
        b.timeouts = timeouts;
        b.sourceAddress = sourceAddress;
        b.sslContext = sslContext;
        b.sslSocketFactory = sslSocketFactory;
        b.tlsServerName = tlsServerName;
        b.dangerouslySkipHostnameVerification = dangerouslySkipHostnameVerification;
        b.tlsProtocols = tlsProtocols;
        b.tlsCipherSuites = tlsCipherSuites;
        b.debugLevel = debugLevel;
        b.debugOut = debugOut;
        b.allowInsecureAuth = allowInsecureAuth;
        b.authMechanisms = authMechanisms;
        b.pipelining = pipelining;
        b.chunking = chunking;
        b.requireAllRecipients = requireAllRecipients;
        b.localPeer = localPeer;
        return b;
    }

    /** @return the name sent in HELO/EHLO/LHLO, or null for the machine's fully qualified name */
    public String localHostname() {
        return localHostname;
    }

    /** @return the time limits */
    public SmtpTimeouts timeouts() {
        return timeouts;
    }

    /** @return the local address to bind, or null */
    public InetSocketAddress sourceAddress() {
        return sourceAddress;
    }

    /** @return the TLS context, or null for the JDK's default context */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** @return the factory that layers TLS over sockets (wins over {@link #sslContext()}), or null */
    public SSLSocketFactory sslSocketFactory() {
        return sslSocketFactory;
    }

    /** @return the name the server certificate must match (and the SNI name), or null for the host connected to */
    public String tlsServerName() {
        return tlsServerName;
    }

    /** @return whether the certificate's host name is NOT checked (dangerous) */
    public boolean dangerouslySkipHostnameVerification() {
        return dangerouslySkipHostnameVerification;
    }

    /** @return TLS protocols to enable, empty for the context's defaults */
    public List<String> tlsProtocols() {
        return tlsProtocols;
    }

    /** @return TLS cipher suites to enable, empty for the context's defaults */
    public List<String> tlsCipherSuites() {
        return tlsCipherSuites;
    }

    /** @return 0 (quiet), 1 (wire trace) or 2 (timestamped wire trace) */
    public int debugLevel() {
        return debugLevel;
    }

    /** @return where the wire trace goes (default {@code System.err}) */
    public PrintStream debugOut() {
        return debugOut;
    }

    /** @return whether reusable secrets (PLAIN, LOGIN, XOAUTH2, OAUTHBEARER) may cross an unencrypted link to another host */
    public boolean allowInsecureAuth() {
        return allowInsecureAuth;
    }

    /** @return the mechanisms {@code login} tries, in order of preference */
    public List<String> authMechanisms() {
        return authMechanisms;
    }

    /** @return whether commands are pipelined when the server advertises PIPELINING (RFC 2920) */
    public boolean pipelining() {
        return pipelining;
    }

    /** @return whether BDAT is used when the server advertises CHUNKING (RFC 3030) */
    public boolean chunking() {
        return chunking;
    }

    /**
     * @return whether a transaction in which any recipient is refused at RCPT is abandoned before the message
     *     data (Angus's {@code sendpartial=false}); see {@link Builder#requireAllRecipients(boolean)}
     */
    public boolean requireAllRecipients() {
        return requireAllRecipients;
    }

    boolean isLocalPeer(Connection connection) {
        return localPeer.test(connection);
    }

    /** Builds {@link SmtpOptions}. */
    public static final class Builder {
        private String localHostname;
        private SmtpTimeouts timeouts = SmtpTimeouts.RFC_5321;
        private InetSocketAddress sourceAddress;
        private SSLContext sslContext;
        private SSLSocketFactory sslSocketFactory;
        private String tlsServerName;
        private boolean dangerouslySkipHostnameVerification;
        private List<String> tlsProtocols = List.of();
        private List<String> tlsCipherSuites = List.of();
        private int debugLevel;
        private PrintStream debugOut = System.err;
        private boolean allowInsecureAuth;
        private List<String> authMechanisms = SMTPLIB_AUTH_ORDER;
        private boolean pipelining = true;
        private boolean chunking = true;
        private boolean requireAllRecipients;
        private Predicate<Connection> localPeer = Connection::isLocal;

        private Builder() {
        }

        /**
         * @param name the name for HELO/EHLO/LHLO (smtplib's {@code local_hostname})
         * @return this builder
         */
        public Builder localHostname(String name) {
            this.localHostname = name;
            return this;
        }

        /**
         * smtplib's {@code timeout}: one limit for every phase.
         *
         * @param limit the limit
         * @return this builder
         */
        public Builder timeout(Duration limit) {
            this.timeouts = SmtpTimeouts.all(limit);
            return this;
        }

        /**
         * @param timeouts a limit per phase
         * @return this builder
         */
        public Builder timeouts(SmtpTimeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * @param address local address (and port, 0 for any) to bind before connecting
         * @return this builder
         */
        public Builder sourceAddress(InetSocketAddress address) {
            this.sourceAddress = address;
            return this;
        }

        /**
         * @param context the TLS context for implicit TLS and STARTTLS (its trust managers judge certificates)
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * @param factory layers TLS over connected sockets (Angus's {@code ssl.socketFactory}); wins over
         *     {@link #sslContext(SSLContext)}. Host name checks still apply.
         * @return this builder
         */
        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.sslSocketFactory = factory;
            return this;
        }

        /**
         * @param name the host name the server certificate must match and the SNI name, when connecting by
         *     address or through a name the certificate does not carry
         * @return this builder
         */
        public Builder tlsServerName(String name) {
            this.tlsServerName = name;
            return this;
        }

        /**
         * Turns off the check that the server certificate belongs to the host: anyone holding any certificate
         * trusted by the context can then read and change the session. Only for tests and pinned contexts.
         *
         * @param skip whether to skip the check
         * @return this builder
         */
        public Builder dangerouslySkipHostnameVerification(boolean skip) {
            this.dangerouslySkipHostnameVerification = skip;
            return this;
        }

        /**
         * @param protocols TLS protocols to enable, e.g. {@code TLSv1.3}
         * @return this builder
         */
        public Builder tlsProtocols(List<String> protocols) {
            this.tlsProtocols = List.copyOf(protocols);
            return this;
        }

        /**
         * @param suites TLS cipher suites to enable
         * @return this builder
         */
        public Builder tlsCipherSuites(List<String> suites) {
            this.tlsCipherSuites = List.copyOf(suites);
            return this;
        }

        /**
         * @param level 0 quiet, 1 wire trace, 2 timestamped wire trace
         * @return this builder
         */
        public Builder debugLevel(int level) {
            this.debugLevel = level;
            return this;
        }

        /**
         * @param out where the wire trace goes
         * @return this builder
         */
        public Builder debugOut(PrintStream out) {
            this.debugOut = Objects.requireNonNull(out, "debugOut");
            return this;
        }

        /**
         * Allows PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER over an unencrypted connection to a host other than this
         * machine, where anyone on the path can read and reuse the secret.
         *
         * @param allow whether to allow it
         * @return this builder
         */
        public Builder allowInsecureAuth(boolean allow) {
            this.allowInsecureAuth = allow;
            return this;
        }

        /**
         * @param mechanisms the SASL mechanisms {@code login} tries, most preferred first
         * @return this builder
         */
        public Builder authMechanisms(List<String> mechanisms) {
            this.authMechanisms = mechanisms.stream().map(m -> m.toUpperCase(java.util.Locale.ROOT)).toList();
            return this;
        }

        /**
         * @param enabled whether to pipeline commands when the server offers PIPELINING (default true)
         * @return this builder
         */
        public Builder pipelining(boolean enabled) {
            this.pipelining = enabled;
            return this;
        }

        /**
         * @param enabled whether to send with BDAT when the server offers CHUNKING (default true)
         * @return this builder
         */
        public Builder chunking(boolean enabled) {
            this.chunking = enabled;
            return this;
        }

        /**
         * All or nothing: when the server refuses any RCPT, {@code sendmail} and {@code sendMessage} send no
         * message data and throw {@link SmtpRecipientsRefusedException} (its {@code results()} tell the
         * accepted recipients from the refused). With PIPELINING, DATA still travels with the envelope (two
         * round trips per message): when a recipient was refused and the server nevertheless answers DATA with
         * 354, the client drops the connection, the only way to end DATA without delivering (reconnect to go
         * on; the Jakarta transport does so by itself); otherwise the transaction ends with RSET. With BDAT the
         * content waits for the RCPT replies instead (two round trips as well), and so does DATA in
         * {@code sendBatch}, where a dropped connection would cost the messages after it. Default false:
         * smtplib's rule, the message goes to the accepted recipients. LMTP refusals after the data cannot be
         * undone.
         *
         * @param required whether every recipient must be accepted before the data is sent
         * @return this builder
         */
        public Builder requireAllRecipients(boolean required) {
            this.requireAllRecipients = required;
            return this;
        }

        Builder localPeer(Predicate<Connection> check) {
            this.localPeer = Objects.requireNonNull(check);
            return this;
        }

        /** @return the options */
        public SmtpOptions build() {
            return new SmtpOptions(this);
        }
    }
}
