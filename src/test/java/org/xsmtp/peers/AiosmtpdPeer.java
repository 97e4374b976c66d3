package org.xsmtp.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An aiosmtpd 1.4 server (Debian package python3-aiosmtpd) run by
 * {@code src/test/resources/peers/aiosmtpd_peer.py} under {@code /usr/bin/python3}, on a
 * kernel-chosen loopback port or a Unix socket, SMTP or LMTP. It stores every accepted
 * message for {@link #awaitMessages(int)}, and exits on {@link #close()} (SIGTERM), when
 * its stdin closes, or when its parent dies.
 *
 * <p>What a client sees (aiosmtpd 1.4.3): greeting {@code 220 <hostname> Python SMTP
 * 1.4.3}; EHLO/LHLO lists {@code SIZE 33554432} (unless {@link Builder#sizeLimit(int)} 0),
 * {@code 8BITMIME}, {@code SMTPUTF8} (if enabled), {@code STARTTLS} (if a certificate is
 * given and TLS is not up yet), {@code AUTH LOGIN PLAIN} (if a user is set, and only after
 * STARTTLS while auth-require-tls is on), {@code HELP}; no PIPELINING, DSN, CHUNKING or
 * ENHANCEDSTATUSCODES. Replies: MAIL {@code 250 OK}; RCPT {@code 250 2.1.5 OK} or the
 * configured rejection; any RCPT parameter (e.g. NOTIFY) gets {@code 555 RCPT TO parameters
 * not recognized or not implemented}; MAIL parameters other than SIZE, BODY, SMTPUTF8 get
 * 555; end of data {@code 250 2.0.0 OK stored} (SMTP: the first configured DATA failure if
 * any recipient has one) or, in LMTP, one line per accepted recipient, {@code 250 2.0.0 OK
 * <rcpt>} or its configured failure. AUTH before STARTTLS (auth-require-tls on):
 * {@code 538 5.7.11 Encryption required for requested authentication mechanism}; wrong
 * credentials {@code 535 5.7.8 Authentication credentials invalid}; success
 * {@code 235 2.7.0 Authentication successful}; the AUTH LOGIN prompts are base64 of
 * {@code "User Name\0"} and {@code "Password\0"} (with a NUL byte). With require-starttls, commands other than
 * EHLO/NOOP/QUIT/STARTTLS before TLS get {@code 530 Must issue a STARTTLS command first}.
 * With implicit TLS aiosmtpd does not know the channel is encrypted, so the script turns
 * auth-require-tls off there.
 */
public final class AiosmtpdPeer extends ListeningPeer {

    private static final String SCRIPT_RESOURCE = "/peers/aiosmtpd_peer.py";

    private final Path store;

    private AiosmtpdPeer(TempDir temp, PeerProcess process, SocketAddress address, Path store) {
        super(temp, process, address);
        this.store = store;
    }

    /** A builder for a plain SMTP server on a free loopback port. */
    public static Builder builder() {
        return new Builder();
    }





    /** Waits (up to {@link Poll#DEFAULT_TIMEOUT}) until {@code n} messages were stored. */
    public List<StoredMessage> awaitMessages(int n) {
        return awaitMessages(n, Poll.DEFAULT_TIMEOUT);
    }

    /** Waits until {@code n} messages were stored; returns all stored, oldest first. */
    public List<StoredMessage> awaitMessages(int n, Duration timeout) {
        Poll.until(timeout, n + " message(s) stored by aiosmtpd", () -> envelopeFiles().size() >= n,
                () -> envelopeFiles().size() + " stored; " + process().describe());
        return messages();
    }

    /** The messages stored so far, oldest first. */
    public List<StoredMessage> messages() {
        return envelopeFiles().stream().map(StoredMessage::read).collect(Collectors.toList());
    }


    private List<Path> envelopeFiles() {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".env")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options for one aiosmtpd server; {@link #start()} runs it and waits for its READY line. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private boolean unix;

        private Builder() {
        }

        /** Speaks LMTP (LHLO, one reply per recipient after DATA) instead of SMTP. */
        public Builder lmtp() {
            return arg("--mode", "lmtp");
        }

        /** Listens on a Unix socket in the server's temporary directory instead of TCP. */
        public Builder unixSocket() {
            unix = true;
            return this;
        }

        /** Offers STARTTLS with {@code cert}. */
        public Builder starttls(ServerCertificate cert) {
            return arg("--tls-cert", cert.certPem().toString()).arg("--tls-key", cert.keyPem().toString());
        }

        /** Speaks TLS from the first byte with {@code cert} (no STARTTLS). */
        public Builder implicitTls(ServerCertificate cert) {
            return starttls(cert).arg("--implicit-tls");
        }

        /** Refuses mail commands until STARTTLS (needs {@link #starttls}). */
        public Builder requireStarttls() {
            return arg("--require-starttls");
        }

        /** Accepts AUTH PLAIN and LOGIN for this one user. */
        public Builder auth(String user, String password) {
            return arg("--auth-user", user).arg("--auth-password", password);
        }

        /** Whether AUTH is offered/accepted only after STARTTLS (aiosmtpd's default: true). */
        public Builder authRequireTls(boolean value) {
            return arg("--auth-require-tls", Boolean.toString(value));
        }

        /** Refuses mail commands until AUTH succeeded. */
        public Builder authRequired() {
            return arg("--auth-required");
        }

        /** Advertises and accepts SMTPUTF8. */
        public Builder smtputf8() {
            return arg("--smtputf8");
        }

        /** The SIZE limit; 0 for no limit and no SIZE keyword. */
        public Builder sizeLimit(int bytes) {
            return arg("--size-limit", Integer.toString(bytes));
        }

        /** The host name in the greeting and EHLO reply (default {@code aiosmtpd.test}). */
        public Builder hostname(String name) {
            return arg("--hostname", name);
        }

        /** Answers RCPT for {@code address} (case-insensitive) with {@code reply}, e.g. "550 5.1.1 No such user". */
        public Builder rejectRecipient(String address, String reply) {
            return arg("--rcpt-reject", address, reply);
        }

        /** Accepts {@code address} at RCPT but answers {@code reply} for it after DATA. */
        public Builder failAtData(String address, String reply) {
            return arg("--data-fail", address, reply);
        }

        /** Starts the server; skips the test if Debian's python3-aiosmtpd is missing. */
        public AiosmtpdPeer start() {
            Requirements.aiosmtpd();
            TempDir temp = TempDir.create("xsmtp-aiosmtpd-");
            try {
                Path store = temp.subdir("messages", "rwx------");
                Path script = temp.path().resolve("aiosmtpd_peer.py");
                copyScript(script);
                List<String> command = new ArrayList<>(List.of(Requirements.DEBIAN_PYTHON.toString(), "-u",
                        script.toString(), "--store-dir", store.toString()));
                if (unix) {
                    command.addAll(List.of("--unix", temp.path().resolve("aiosmtpd.sock").toString()));
                } else {
                    command.addAll(List.of("--host", "127.0.0.1", "--port", "0"));
                }
                command.addAll(args);
                PeerProcess process = PeerProcess.start("aiosmtpd", command, temp.path());
                try {
                    String ready = process.awaitStdoutLine("READY ", Poll.DEFAULT_TIMEOUT).substring("READY ".length());
                    SocketAddress address = ready.startsWith("unix:")
                            ? UnixDomainSocketAddress.of(ready.substring("unix:".length()))
                            : new InetSocketAddress(FreePorts.LOOPBACK, Integer.parseInt(ready.trim()));
                    process.awaitConnectable(address, Poll.DEFAULT_TIMEOUT);
                    return new AiosmtpdPeer(temp, process, address, store);
                } catch (AssertionError | RuntimeException e) {
                    process.close();
                    throw e;
                }
            } catch (AssertionError | RuntimeException e) {
                temp.close();
                throw e;
            }
        }

        private Builder arg(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        private static void copyScript(Path target) {
            try (InputStream in = AiosmtpdPeer.class.getResourceAsStream(SCRIPT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + SCRIPT_RESOURCE);
                }
                Files.copy(in, target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
