package org.xsmtp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A private Postfix 3.7 instance (Debian package postfix) for tests that need a real
 * smtpd: CHUNKING/BDAT, SMTPUTF8, STARTTLS, strict protocol checks. Needs root.
 *
 * <p>Everything lives in a temporary directory: {@code etc/} (main.cf, master.cf, given to
 * {@code postfix -c}), {@code spool/} (queue_directory, made by Postfix itself),
 * {@code data/} (data_directory, owned by postfix) and {@code maillog} (maillog_file via the
 * postlogd service; syslog_name {@code xsmtp-test-postfix-<port>}), so a system Postfix, if
 * any, is not touched. smtpd listens on {@code 127.0.0.1:<free port>} only; STARTTLS with
 * {@link TestCertificates#localhost()} ({@code smtpd_tls_security_level = may});
 * {@code smtputf8_enable = yes}; CHUNKING is on (Postfix's default); any recipient from
 * 127.0.0.0/8 is accepted and relayed. smtpd_error_sleep_time and in_flow_delay are 0 so
 * rejections are not slowed down.
 *
 * <p>Delivery, chosen on the builder: by default every message is relayed to an internal
 * {@link SmtpSinkPeer} with capture ({@link #sink()}, {@link #awaitMessages(int)}); note
 * that Postfix adds Received, Message-Id, Date and From headers as needed, and that the
 * sink lacks SMTPUTF8, so a message that needs SMTPUTF8 would bounce there: relay such mail
 * to an {@link AiosmtpdPeer} with SMTPUTF8 ({@link Builder#relayTo(int)}), or
 * {@link Builder#discard()} it when only smtpd's replies matter.
 *
 * <p>It runs as {@code postfix -c <etc> start-fg}, so the master daemon stays a child of
 * this JVM; start to listening smtpd takes 2 to 3 s on this 2-core VM (postfix-script
 * checks). {@link #close()} runs {@code postfix -c <etc> stop}, then ends whatever is left
 * of the process tree it saw, the sink, and the directory. The EHLO reply lists
 * PIPELINING, SIZE 10240000, VRFY, ETRN, STARTTLS (before TLS), ENHANCEDSTATUSCODES,
 * 8BITMIME, DSN, SMTPUTF8, CHUNKING.
 */
public final class PostfixPeer implements AutoCloseable {

    /** Where Debian's postfix package installs the postfix command. */
    public static final Path POSTFIX = Path.of("/usr/sbin/postfix");

    private static final int START_ATTEMPTS = 3;

    private final TempDir temp;
    private final PeerProcess process;
    private final int port;
    private final SmtpSinkPeer sink;

    private PostfixPeer(TempDir temp, PeerProcess process, int port, SmtpSinkPeer sink) {
        this.temp = temp;
        this.process = process;
        this.port = port;
        this.sink = sink;
    }

    /** A builder for an instance that relays everything to its own capturing smtp-sink. */
    public static Builder builder() {
        return new Builder();
    }

    /** The smtpd port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The capturing sink mail is relayed to; null with discard() or relayTo(). */
    public SmtpSinkPeer sink() {
        return sink;
    }

    /** Waits until the sink captured {@code n} relayed messages (default delivery only). */
    public List<SinkMessage> awaitMessages(int n) {
        if (sink == null) {
            throw new IllegalStateException("this Postfix instance does not deliver to its own sink");
        }
        return sink.awaitMessages(n);
    }

    /** The instance's log so far. */
    public String maillog() {
        try {
            Path log = temp.path().resolve("maillog");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The master process tree, for leak checks after {@link #close()}. */
    public PeerProcess process() {
        return process;
    }

    /** Stops Postfix, kills leftovers, stops the sink and deletes the instance directory. */
    @Override
    public void close() {
        try {
            process.tree();
            try {
                Commands.run(temp.path(), List.of(POSTFIX.toString(), "-c", temp.path().resolve("etc").toString(), "stop"));
            } catch (IllegalStateException | UncheckedIOException e) {
                // Not running any more; the process tree below is ended all the same.
            }
            process.awaitExit(Poll.DEFAULT_TIMEOUT);
            process.close();
        } finally {
            try {
                if (sink != null) {
                    sink.close();
                }
            } finally {
                temp.close();
            }
        }
    }

    /** Options for one instance; {@link #start()} runs it and waits until smtpd listens. */
    public static final class Builder {
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private boolean discard;
        private int relayPort;

        private Builder() {
        }

        /** Sets a main.cf parameter, e.g. {@code mainCf("smtpd_tls_security_level", "encrypt")}. */
        public Builder mainCf(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        /** Discards every accepted message instead of relaying it. */
        public Builder discard() {
            discard = true;
            return this;
        }

        /** Relays every accepted message to a server the test runs on 127.0.0.1:{@code port}. */
        public Builder relayTo(int port) {
            relayPort = port;
            return this;
        }

        /** Starts the instance; skips the test if Postfix is missing or the JVM is not root. */
        public PostfixPeer start() {
            Requirements.executable(POSTFIX, "postfix");
            Requirements.root("a private Postfix instance (PostfixPeer)");
            ServerCertificate cert = TestCertificates.get().localhost();
            SmtpSinkPeer sink = discard || relayPort != 0 ? null : SmtpSinkPeer.builder().capture().start();
            String nextHop = discard ? null : "[127.0.0.1]:" + (sink != null ? sink.port() : relayPort);
            try {
                AssertionError last = null;
                for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                    try {
                        return startOnce(cert, nextHop, sink);
                    } catch (AssertionError e) {
                        last = e; // maybe lost the race for the port: retry with another
                    }
                }
                throw last;
            } catch (AssertionError | RuntimeException e) {
                if (sink != null) {
                    sink.close();
                }
                throw e;
            }
        }

        private PostfixPeer startOnce(ServerCertificate cert, String nextHop, SmtpSinkPeer sink) {
            TempDir temp = TempDir.create("xsmtp-postfix-");
            try {
                Path etc = temp.subdir("etc", "rwxr-xr-x");
                temp.subdir("spool", "rwxr-xr-x");
                Path data = temp.subdir("data", "rwx------");
                UserPrincipal postfix = data.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postfix");
                Files.setOwner(data, postfix);
                int port = FreePorts.pick();
                PostfixConfig config = new PostfixConfig(temp.path(), port, cert, nextHop);
                overrides.forEach(config::set);
                config.writeTo(etc);
                PeerProcess process = PeerProcess.start("postfix",
                        List.of(POSTFIX.toString(), "-c", etc.toString(), "start-fg"), temp.path());
                PostfixPeer peer = new PostfixPeer(temp, process, port, sink);
                try {
                    process.awaitConnectable(new InetSocketAddress(FreePorts.LOOPBACK, port),
                            Poll.DEFAULT_TIMEOUT);
                } catch (AssertionError | RuntimeException e) {
                    String log = peer.maillog();
                    peer.stopWithoutSink();
                    throw new AssertionError(e.getMessage() + "\nmaillog:\n" + log, e);
                }
                return peer;
            } catch (IOException e) {
                temp.close();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                temp.close();
                throw e;
            }
        }
    }

    private void stopWithoutSink() {
        try {
            process.close();
        } finally {
            temp.close();
        }
    }
}
