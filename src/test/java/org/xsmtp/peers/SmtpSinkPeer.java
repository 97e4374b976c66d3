package org.xsmtp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-sink} (Debian package postfix) on {@code 127.0.0.1:<free port>} or
 * on a Unix socket in a temporary directory, with any extra flags, for tests of how a
 * client copes with replies and faults. {@link #close()} kills it and deletes its files.
 * Runs as {@code -u nobody} when the JVM is root.
 *
 * <p>What a client sees (smtp-sink of Postfix 3.7.11, found by experiment):
 * <ul>
 *   <li>Greeting {@code 220 smtp-sink ESMTP}; HELO answers {@code 250 smtp-sink}.</li>
 *   <li>EHLO (LHLO with {@code -L}) answers {@code 250-smtp-sink}, {@code PIPELINING},
 *       {@code 8BITMIME}, {@code AUTH PLAIN LOGIN}, {@code XCLIENT NAME HELO},
 *       {@code XFORWARD NAME ADDR PROTO HELO}, {@code ENHANCEDSTATUSCODES}, {@code DSN}
 *       and a last line that is just {@code "250 "} (empty text). Never SIZE, STARTTLS,
 *       CHUNKING or SMTPUTF8: STARTTLS, BDAT and HELP get
 *       {@code 500 5.5.1 Error: unknown command}. {@code -f}/{@code -r} imply {@code -p}:
 *       PIPELINING is then not advertised.</li>
 *   <li>MAIL {@code 250 2.1.0 Ok} (second MAIL: {@code 503 5.5.1 Error: nested MAIL
 *       command}); RCPT {@code 250 2.1.5 Ok} (any parameters accepted); DATA
 *       {@code 354 End data with <CR><LF>.<CR><LF>}; end of data {@code 250 2.0.0 Ok},
 *       in LMTP one {@code 250 2.2.0 Ok} line per accepted RCPT; RSET
 *       {@code 250 2.1.0 Ok}; NOOP, VRFY and even AUTH (no 334 challenge)
 *       {@code 250 2.0.0 Ok}; QUIT {@code 221 Bye}. DATA without an accepted RCPT:
 *       {@code 503 5.5.1 Error: need RCPT command}. In LMTP mode HELO/EHLO are unknown
 *       commands.</li>
 *   <li>{@code -f CMD,...}: CMD answered {@code 500 5.3.0 Error: command failed} (text
 *       set by {@code -B}). {@code -f RCPT} rejects every recipient, so a later DATA gets
 *       503. {@code -f .} rejects the end of data (LMTP: one 500 line per recipient), but
 *       the message was still captured. {@code -f CONNECT} sends that 500 instead of the
 *       greeting and then carries on.</li>
 *   <li>{@code -r CMD,...}: as {@code -f} with {@code 450 4.3.0 Error: command failed}
 *       (text set by {@code -b}).</li>
 *   <li>{@code -Q CMD,...}: answers CMD with {@code 421 4.0.0 Server closing connection}
 *       and closes; {@code -Q CONNECT} does so instead of the greeting.</li>
 *   <li>{@code -q CMD,...}: closes the connection on CMD without a reply; for {@code -q .}
 *       the message was still captured.</li>
 *   <li>{@code -A 0}: after DATA sends {@code 354 ...} immediately followed by
 *       {@code 550 This violates SMTP} and closes, reading no message ({@code -A n}: n
 *       seconds later).</li>
 *   <li>{@code -w n}: waits n s before answering DATA; {@code -W CMD:n}: before answering
 *       CMD. {@code -t n}: command timeout (default 100 s).</li>
 *   <li>{@code -M n}: exits after the n-th message, before answering its end of data: the
 *       client sees the connection close instead of 250.</li>
 * </ul>
 *
 * <p>Capture: with {@link Builder#capture()} smtp-sink gets {@code -d <dumps>/msg.} and
 * {@code -c}. It creates a dump file at MAIL, deletes it on RSET/EHLO/disconnect before the
 * end of data, and closes it before replying to the end of data; {@code -c} then prints
 * {@code mesg=N} to stdout. {@link #awaitMessages(int)} waits for that counter and returns
 * the closed dump files oldest first. Dump content format: see {@link SinkMessage}. For
 * {@code -D} (one shared file) pass your own flag with a path under {@link #dumpDirectory()}.
 */
public final class SmtpSinkPeer extends ListeningPeer {

    /** Where Debian's postfix package installs smtp-sink. */
    public static final Path SMTP_SINK = Path.of("/usr/sbin/smtp-sink");

    private static final Pattern MESSAGE_COUNT = Pattern.compile("mesg=(\\d+)");
    private static final int START_ATTEMPTS = 3;

    private final Path dumps;

    private SmtpSinkPeer(TempDir temp, PeerProcess process, SocketAddress address, Path dumps) {
        super(temp, process, address);
        this.dumps = dumps;
    }

    /** A builder for a sink on a free TCP port, no extra flags, no capture. */
    public static Builder builder() {
        return new Builder();
    }




    /** The directory holding dump files (writable by nobody); null without capture. */
    public Path dumpDirectory() {
        return dumps;
    }


    /** Messages whose end of data smtp-sink has received so far ({@code -c} counter). */
    public int completedCount() {
        Matcher m = MESSAGE_COUNT.matcher(process().stdout());
        int count = 0;
        while (m.find()) {
            count = Integer.parseInt(m.group(1));
        }
        return count;
    }

    /** Waits (up to {@link Poll#DEFAULT_TIMEOUT}) until {@code n} messages were captured. */
    public List<SinkMessage> awaitMessages(int n) {
        return awaitMessages(n, Poll.DEFAULT_TIMEOUT);
    }

    /** Waits until {@code n} messages were captured; returns all captured, oldest first. */
    public List<SinkMessage> awaitMessages(int n, Duration timeout) {
        if (dumps == null) {
            throw new IllegalStateException("smtp-sink was started without capture()");
        }
        Poll.until(timeout, n + " message(s) captured by smtp-sink",
                () -> completedCount() >= n && completedFiles().size() >= n,
                () -> completedCount() + " completed, files " + allFiles() + "; " + process().describe());
        return messages();
    }

    /** The captured messages so far, oldest first (transactions still open are left out). */
    public List<SinkMessage> messages() {
        return completedFiles().stream().map(SinkMessage::parse).collect(Collectors.toList());
    }


    private List<Path> completedFiles() {
        Set<Path> open = OpenFiles.of(process().pid());
        return allFiles().stream()
                .filter(p -> !open.contains(p))
                .sorted(Comparator.comparing(SmtpSinkPeer::modified).thenComparing(Path::toString))
                .collect(Collectors.toList());
    }

    private List<Path> allFiles() {
        try (Stream<Path> files = Files.list(dumps)) {
            return files.filter(p -> p.getFileName().toString().startsWith("msg.")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Options for one smtp-sink; {@link #start()} runs it and waits until it accepts connections. */
    public static final class Builder {
        private final List<String> flags = new ArrayList<>();
        private boolean unix;
        private boolean capture;
        private int backlog = 10;

        private Builder() {
        }

        /** Adds raw smtp-sink options, e.g. {@code flags("-L", "-f", "RCPT")}. */
        public Builder flags(String... more) {
            flags.addAll(List.of(more));
            return this;
        }

        /** Listens on a Unix socket in the sink's temporary directory instead of TCP. */
        public Builder unixSocket() {
            unix = true;
            return this;
        }

        /** Dumps every transaction ({@code -d}, {@code -c}) for {@link #awaitMessages(int)}. */
        public Builder capture() {
            capture = true;
            return this;
        }

        /** The listen(2) backlog argument (default 10). */
        public Builder backlog(int value) {
            backlog = value;
            return this;
        }

        /** Starts smtp-sink; skips the test if it is not installed. */
        public SmtpSinkPeer start() {
            Requirements.executable(SMTP_SINK, "postfix");
            AssertionError last = null;
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                TempDir temp = TempDir.create("xsmtp-sink-");
                try {
                    return startIn(temp);
                } catch (AssertionError | RuntimeException e) {
                    temp.close();
                    if (e instanceof AssertionError && !unix) {
                        last = (AssertionError) e; // maybe lost the port race: retry
                        continue;
                    }
                    throw e;
                }
            }
            throw last;
        }

        private SmtpSinkPeer startIn(TempDir temp) {
            Path dumps = capture ? temp.subdir("dumps", "rwxrwxrwx") : null;
            SocketAddress address = unix
                    ? UnixDomainSocketAddress.of(temp.path().resolve("sink.sock"))
                    : new InetSocketAddress(FreePorts.LOOPBACK, FreePorts.pick());
            List<String> command = new ArrayList<>(List.of(SMTP_SINK.toString()));
            if (Requirements.isRoot()) {
                command.addAll(List.of("-u", "nobody"));
            }
            if (capture) {
                command.addAll(List.of("-c", "-d", dumps.resolve("msg.").toString()));
            }
            command.addAll(flags);
            command.add(unix ? "unix:" + ((UnixDomainSocketAddress) address).getPath()
                    : "127.0.0.1:" + ((InetSocketAddress) address).getPort());
            command.add(String.valueOf(backlog));
            PeerProcess process = PeerProcess.start("smtp-sink", command, temp.path());
            try {
                process.awaitConnectable(address, Poll.DEFAULT_TIMEOUT);
            } catch (AssertionError | RuntimeException e) {
                process.close();
                throw e;
            }
            return new SmtpSinkPeer(temp, process, address, dumps);
        }
    }
}
