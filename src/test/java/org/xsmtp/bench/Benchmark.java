package org.xsmtp.bench;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.xsmtp.peers.PostfixPeer;
import org.xsmtp.peers.SmtpSinkPeer;
import org.xsmtp.smtp.BatchResult;
import org.xsmtp.smtp.OutboundMessage;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpOptions;

/**
 * Throughput benchmark (issue #6), not a test: xsmtp's engine batch, engine {@code sendmail(byte[])} and
 * Jakarta Mail transport against Angus Mail's {@code SMTPTransport}, one connection each, over the same sinks,
 * at 0 RTT and through a {@link LatencyProxy} adding 2 ms per round trip; then one 100 MiB message.
 *
 * <p>Run: {@code mvn -B -q -Pbench verify}. System properties: {@code bench.runs} (timed runs per cell,
 * default 5), {@code bench.sinks} ({@code smtp-sink,postfix}; {@code jvm-sink} for the benchmark's own CHUNKING sink instead
 * of Postfix), {@code bench.big} (false to skip the 100 MiB
 * part), {@code bench.cells} (a substring filter on "sink/rtt/rcpt", e.g. {@code 2ms}).
 */
public final class Benchmark {
    static final String FROM = "sender@bench.test";
    static final String CLIENT_NAME = "bench-client.test";
    static final int MESSAGE_BYTES = 1024;
    static final int BIG_BYTES = 100 * 1024 * 1024;
    static final int BATCH = 100;

    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    /** 0 RTT runs are short and noisy (other processes share the two cores): four more of them. */
    private static final int RUNS_0 = RUNS + 4;
    private static final long RUN_NANOS_0 = 200_000_000L;
    private static final long RUN_NANOS_RTT = 500_000_000L;
    private static final long WARM_NANOS = 300_000_000L;
    private static final long GLOBAL_WARM_NANOS = 2_000_000_000L;
    private static final long ONE_WAY_DELAY_MICROS = 1000;

    private final List<Row> rows = new ArrayList<>();
    private final List<BigRow> bigRows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** One sink: where clients connect for 0 RTT, and the proxy for 2 ms. */
    record Sink(String name, String description, int port, LatencyProxy proxy) {
    }

    /** One table row: a client in one cell, its runs in msgs/s, round trips per message when proxied. */
    record Row(String sink, String rtt, int rcpts, String client, boolean angus, double[] rates, double turns) {
        double median() {
            return Stats.median(rates);
        }
    }

    record BigRow(String sink, String client, boolean angus, double[] mibPerSecond, double[] growthMiB,
            double[] allocatedMiB, double[] cpuSeconds, long collections) {
    }

    public static void main(String[] args) throws Exception {
        // Postfix's queue (and the sinks' files) on tmpfs where there is one: on a VM disk, smtpd's fsync per
        // message caps every client alike at a few hundred messages per second, hiding what is measured
        Path shm = Path.of("/dev/shm");
        if (System.getProperty("bench.tmpdir") == null && Files.isDirectory(shm) && Files.isWritable(shm)) {
            System.setProperty("java.io.tmpdir", shm.toString());
        }
        Benchmark b = new Benchmark();
        b.run();
        System.exit(0); // a failed send has thrown by now; this ends the proxies' and samplers' threads
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        String load0 = loadAverage();
        String cells = System.getProperty("bench.cells", "");
        List<String> wanted = Arrays.asList(System.getProperty("bench.sinks", "smtp-sink,postfix").split(","));
        progress("xsmtp benchmark: " + machine());
        ProxyCheck check = ProxyCheck.run(ONE_WAY_DELAY_MICROS);
        progress(check.toString());

        List<AutoCloseable> resources = new ArrayList<>();
        List<Sink> sinks = new ArrayList<>();
        try {
            // each sink is started when its cells come, so Postfix's start-up work does not disturb smtp-sink's
            for (String name : List.of("smtp-sink", "postfix", "jvm-sink")) {
                if (!wanted.contains(name) || (name.equals("jvm-sink") && wanted.contains("postfix"))) {
                    continue;
                }
                Sink sink = name.equals("smtp-sink") ? smtpSink(resources)
                        : name.equals("postfix") ? chunkingSink(resources)
                        : ownSink(resources, "chosen with -Dbench.sinks");
                sinks.add(sink);
                if (sinks.size() == 1) {
                    globalWarmUp(sink);
                }
                for (boolean rtt : new boolean[] {false, true}) {
                    for (int rcpts : new int[] {1, 5}) {
                        String cell = sink.name() + "/" + (rtt ? "2ms" : "0ms") + "/" + rcpts;
                        if (cell.contains(cells)) {
                            cell(sink, rtt, rcpts);
                        }
                    }
                }
            }
            if (!"false".equals(System.getProperty("bench.big"))) {
                for (Sink sink : sinks) {
                    big(sink);
                }
            }
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception e) {
                    progress("closing: " + e);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Report.print(System.out, machine(), check, sinks, rows, bigRows, notes, load0, loadAverage(), seconds);
        System.out.flush();
    }

    private static Sink smtpSink(List<AutoCloseable> resources) throws IOException {
        SmtpSinkPeer smtpSink = SmtpSinkPeer.builder().backlog(50).start();
        resources.add(smtpSink);
        LatencyProxy proxy = new LatencyProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                smtpSink.port()), ONE_WAY_DELAY_MICROS);
        resources.add(proxy);
        return new Sink("smtp-sink", "Postfix smtp-sink (PIPELINING, no CHUNKING)", smtpSink.port(), proxy);
    }

    /** Postfix smtpd discarding everything (CHUNKING); the in-JVM sink when Postfix cannot run here. */
    private Sink chunkingSink(List<AutoCloseable> resources) throws IOException, InterruptedException {
        int port;
        String name;
        String description;
        try {
            PostfixPeer.Builder builder = PostfixPeer.builder().discard()
                    .mainCf("message_size_limit", "1073741824")
                    .mainCf("smtpd_client_connection_count_limit", "0");
            // DISCARD at the end of data: cleanup drops the message at once instead of queueing it for the
            // discard transport, so qmgr and discard do not compete with the clients for the two cores
            String eod = System.getProperty("bench.postfixEod", "check_client_access static:DISCARD");
            if (!eod.isEmpty()) {
                builder.mainCf("smtpd_end_of_data_restrictions", eod);
            }
            PostfixPeer postfix = builder.start();
            resources.add(postfix);
            Thread.sleep(1000); // let the freshly started daemons settle before anything is timed
            port = postfix.port();
            name = "postfix";
            description = "Postfix 3.7 smtpd (PostfixPeer.discard(), PIPELINING, CHUNKING, SIZE), "
                    + (eod.isEmpty() ? "" : "smtpd_end_of_data_restrictions = " + eod + ", ")
                    + "message_size_limit 1 GiB, queue in " + System.getProperty("java.io.tmpdir");
        } catch (RuntimeException | AssertionError e) {
            notes.add("Postfix could not run, so the CHUNKING rows use the benchmark's own in-JVM sink: " + e);
            return ownSink(resources, "because Postfix could not run: " + e.getMessage());
        }
        LatencyProxy proxy = new LatencyProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                ONE_WAY_DELAY_MICROS);
        resources.add(proxy);
        return new Sink(name, description, port, proxy);
    }

    /** The benchmark's own CHUNKING sink, in this JVM. */
    private static Sink ownSink(List<AutoCloseable> resources, String why) throws IOException {
        ChunkingSink own = new ChunkingSink();
        resources.add(own);
        LatencyProxy proxy = new LatencyProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), own.port()),
                ONE_WAY_DELAY_MICROS);
        resources.add(proxy);
        return new Sink("jvm-sink", "in-JVM sink of the benchmark (PIPELINING, CHUNKING, SIZE; shares the JVM and the"
                + " cores with the clients), " + why, own.port(), proxy);
    }

    /** JIT warm-up of every client at 0 RTT before anything is measured. */
    private void globalWarmUp(Sink sink) throws Exception {
        Messages m = Messages.of(1);
        for (Client c : Client.all(sink.port(), m)) {
            try (c) {
                timed(c, GLOBAL_WARM_NANOS);
            }
        }
    }

    private void cell(Sink sink, boolean rtt, int rcpts) throws Exception {
        Messages m = Messages.of(rcpts);
        int port = rtt ? sink.proxy().port() : sink.port();
        long runNanos = rtt ? RUN_NANOS_RTT : RUN_NANOS_0;
        List<Client> clients = Client.all(port, m);
        int runs = rtt ? RUNS : RUNS_0;
        try {
            double[][] rates = new double[clients.size()][runs];
            long[] turns = new long[clients.size()];
            long[] sent = new long[clients.size()];
            for (Client c : clients) {
                timed(c, WARM_NANOS);
            }
            // rounds interleave the clients, so background load drifts hit all of them alike
            for (int r = 0; r < runs; r++) {
                for (int i = 0; i < clients.size(); i++) {
                    long t0 = rtt ? sink.proxy().clientTurns() : 0;
                    double[] result = timed(clients.get(i), runNanos);
                    rates[i][r] = result[0];
                    sent[i] += (long) result[1];
                    if (rtt) {
                        turns[i] += sink.proxy().clientTurns() - t0;
                    }
                }
            }
            for (int i = 0; i < clients.size(); i++) {
                Client c = clients.get(i);
                Row row = new Row(sink.name(), rtt ? "2 ms" : "0", rcpts, c.label(), c.angus(), rates[i],
                        rtt ? (double) turns[i] / sent[i] : Double.NaN);
                rows.add(row);
                progress(String.format(Locale.ROOT, "%-9s %-4s %d rcpt  %-32s median %9.0f msg/s  [%s]%s",
                        row.sink(), row.rtt(), rcpts, c.label(), row.median(), Stats.list(rates[i]),
                        rtt ? String.format(Locale.ROOT, "  %.2f round trips/msg", row.turns()) : ""));
            }
        } finally {
            for (Client c : clients) {
                c.close();
            }
        }
    }

    /** Sends until {@code nanos} have passed; returns {msgs/s, msgs}. */
    private double[] timed(Client c, long nanos) throws Exception {
        long t0 = System.nanoTime();
        long n = 0;
        long elapsed;
        do {
            n += c.sendSome();
            elapsed = System.nanoTime() - t0;
        } while (elapsed < nanos);
        return new double[] {n / (elapsed / 1e9), n};
    }

    /** One 100 MiB message per client: a warm-up send, then timed sends with the heap watched. */
    private void big(Sink sink) throws Exception {
        Messages m = Messages.big();
        List<Client> clients = Client.forBigMessage(sink.port(), m);
        int runs = Math.max(3, RUNS - 1);
        try {
            double[][] mib = new double[clients.size()][runs];
            double[][] growth = new double[clients.size()][runs];
            double[][] allocated = new double[clients.size()][runs];
            double[][] cpu = new double[clients.size()][runs];
            long[] gcs = new long[clients.size()];
            for (Client c : clients) {
                c.sendSome();
            }
            for (int r = 0; r < runs; r++) {
                for (int i = 0; i < clients.size(); i++) {
                    HeapSampler heap = new HeapSampler();
                    long t0 = System.nanoTime();
                    try (heap) {
                        clients.get(i).sendSome();
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    mib[i][r] = m.bytes().length / (1024.0 * 1024.0) / s;
                    growth[i][r] = heap.result().growthBytes() / (1024.0 * 1024.0);
                    allocated[i][r] = heap.result().allocatedBytes() / (1024.0 * 1024.0);
                    cpu[i][r] = heap.result().cpuNanos() / 1e9;
                    gcs[i] += heap.result().collections();
                }
            }
            for (int i = 0; i < clients.size(); i++) {
                Client c = clients.get(i);
                BigRow row = new BigRow(sink.name(), c.label(), c.angus(), mib[i], growth[i], allocated[i], cpu[i],
                        gcs[i]);
                bigRows.add(row);
                progress(String.format(Locale.ROOT, "%-9s 100 MiB  %-32s median %6.1f MiB/s  heap growth max %6.1f MiB"
                        + "  allocated median %6.1f MiB", sink.name(), c.label(), Stats.median(mib[i]),
                        Stats.max(growth[i]), Stats.median(allocated[i])));
            }
        } finally {
            for (Client c : clients) {
                c.close();
            }
        }
    }

    static void progress(String line) {
        System.err.println(line);
        System.err.flush();
    }

    static String machine() {
        return "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The messages of one cell: raw bytes for the engine, the same message parsed for the transports. */
    record Messages(byte[] bytes, List<String> recipients, MimeMessage mime, Address[] mimeRecipients) {
        static Messages of(int rcpts) throws Exception {
            List<String> to = new ArrayList<>();
            for (int i = 1; i <= rcpts; i++) {
                to.add("rcpt" + i + "@bench.test");
            }
            return build(to, MESSAGE_BYTES);
        }

        static Messages big() throws Exception {
            return build(List.of("rcpt1@bench.test"), BIG_BYTES);
        }

        private static Messages build(List<String> to, int size) throws Exception {
            StringBuilder head = new StringBuilder();
            head.append("From: Bench Sender <").append(FROM).append(">\r\n");
            head.append("To: ").append(String.join(", ", to)).append("\r\n");
            head.append("Subject: xsmtp benchmark message\r\n");
            head.append("Date: Mon, 1 Jan 2024 00:00:00 +0000\r\n");
            head.append("Message-ID: <bench.").append(to.size()).append('.').append(size).append("@bench.test>\r\n");
            head.append("MIME-Version: 1.0\r\n");
            head.append("Content-Type: text/plain; charset=us-ascii\r\n");
            head.append("Content-Transfer-Encoding: 7bit\r\n\r\n");
            byte[] bytes = new byte[size];
            byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(h, 0, bytes, 0, h.length);
            // body: lines of 76 characters plus CRLF, one in every 20 starting with a dot (dot-stuffing)
            int pos = h.length;
            int line = 0;
            while (pos < size) {
                int len = Math.min(78, size - pos);
                for (int k = 0; k < len - 2; k++) {
                    bytes[pos + k] = (byte) ('a' + (line + k) % 26);
                }
                if (line % 20 == 7 && len > 2) {
                    bytes[pos] = '.';
                }
                if (len >= 2) {
                    bytes[pos + len - 2] = '\r';
                    bytes[pos + len - 1] = '\n';
                } else {
                    bytes[pos] = '\n';
                }
                pos += len;
                line++;
            }
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
            return new Messages(bytes, List.copyOf(to), mime, mime.getAllRecipients());
        }
    }

    /** One connection that sends the cell's message again and again. */
    abstract static class Client implements AutoCloseable {
        abstract String label();

        boolean angus() {
            return false;
        }

        /** @return messages sent */
        abstract int sendSome() throws Exception;

        @Override
        public abstract void close();

        static List<Client> all(int port, Messages m) throws Exception {
            List<Client> all = new ArrayList<>(List.of(new Batch(port, m), new Sendmail(port, m),
                    new JakartaTransport("xsmtp", port, m, false)));
            if (m.recipients().size() > 1) {
                // for information: with sendpartial=false (the default) every RCPT reply is needed before the
                // data, which costs a round trip; sendpartial=true lets DATA/BDAT go with the envelope
                all.add(new JakartaTransport("xsmtp", port, m, true));
            }
            all.add(new JakartaTransport("smtp", port, m, false));
            return all;
        }

        static List<Client> forBigMessage(int port, Messages m) throws Exception {
            return List.of(new Sendmail(port, m), new JakartaTransport("xsmtp", port, m, false),
                    new JakartaTransport("smtp", port, m, false));
        }

        static SmtpClient engine(int port) throws IOException {
            SmtpClient c = new SmtpClient("127.0.0.1", port, SmtpOptions.builder().localHostname(CLIENT_NAME).build());
            c.ehloOrHeloIfNeeded();
            return c;
        }
    }

    /** xsmtp engine, {@code sendBatch} of {@value #BATCH} messages per call. */
    static final class Batch extends Client {
        private final SmtpClient client;
        private final List<OutboundMessage> batch;

        Batch(int port, Messages m) throws IOException {
            client = engine(port);
            OutboundMessage one = OutboundMessage.of(FROM, m.recipients(), m.bytes());
            batch = java.util.Collections.nCopies(BATCH, one);
        }

        @Override
        String label() {
            return "xsmtp engine sendBatch(" + BATCH + ")";
        }

        @Override
        int sendSome() throws Exception {
            List<BatchResult> results = client.sendBatch(batch);
            for (BatchResult r : results) {
                if (!r.sent() || !r.refused().isEmpty()) {
                    throw new IllegalStateException("batch message " + r.index() + " not sent", r.failure());
                }
            }
            return results.size();
        }

        @Override
        public void close() {
            quietly(client);
        }
    }

    /** xsmtp engine, {@code sendmail(from, to, byte[])} in a loop. */
    static final class Sendmail extends Client {
        private final SmtpClient client;
        private final Messages m;

        Sendmail(int port, Messages m) throws IOException {
            client = engine(port);
            this.m = m;
        }

        @Override
        String label() {
            return "xsmtp engine sendmail(byte[])";
        }

        @Override
        int sendSome() throws Exception {
            Map<String, Reply> refused = client.sendmail(FROM, m.recipients(), m.bytes());
            if (!refused.isEmpty()) {
                throw new IllegalStateException("refused: " + refused);
            }
            return 1;
        }

        @Override
        public void close() {
            quietly(client);
        }
    }

    /**
     * A Jakarta Mail transport, connected once and reused: {@code xsmtp} or Angus's {@code smtp}. Both get the
     * same Properties (host, port, EHLO name) and the same MimeMessage; no debug output.
     */
    static final class JakartaTransport extends Client {
        private final String protocol;
        private final boolean sendPartial;
        private final Transport transport;
        private final Messages m;

        JakartaTransport(String protocol, int port, Messages m, boolean sendPartial) throws Exception {
            this.protocol = protocol;
            this.sendPartial = sendPartial;
            this.m = m;
            Properties p = new Properties();
            p.setProperty("mail.smtp.host", "127.0.0.1");
            p.setProperty("mail.smtp.port", String.valueOf(port));
            p.setProperty("mail.smtp.localhost", CLIENT_NAME);
            if (sendPartial) {
                p.setProperty("mail.smtp.sendpartial", "true");
            }
            Session session = Session.getInstance(p);
            transport = session.getTransport(protocol);
            String expected = protocol.equals("smtp") ? "org.eclipse.angus.mail.smtp.SMTPTransport"
                    : "org.xsmtp.provider.XsmtpTransport";
            if (!transport.getClass().getName().equals(expected)) {
                throw new IllegalStateException(protocol + " is " + transport.getClass().getName());
            }
            transport.connect();
        }

        @Override
        String label() {
            return protocol.equals("smtp") ? "Angus 2.0.5 Transport.sendMessage"
                    : "xsmtp Transport.sendMessage" + (sendPartial ? " (sendpartial=true)" : "");
        }

        @Override
        boolean angus() {
            return protocol.equals("smtp");
        }

        @Override
        int sendSome() throws Exception {
            transport.sendMessage(m.mime(), m.mimeRecipients());
            return 1;
        }

        @Override
        public void close() {
            try {
                transport.close();
            } catch (Exception e) {
                progress("closing " + protocol + ": " + e);
            }
        }
    }

    static void quietly(SmtpClient c) {
        try {
            c.close();
        } catch (IOException e) {
            progress("closing: " + e);
        }
    }

    /** Checks the proxy: the round trip it adds, and that it does not limit bandwidth. */
    record ProxyCheck(double directRttMs, double proxiedRttMs, double directMiBs, double proxiedMiBs) {
        static ProxyCheck run(long oneWayMicros) throws Exception {
            try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                    ServerSocket discard = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                serve(echo, true);
                serve(discard, false);
                try (LatencyProxy toEcho = new LatencyProxy((InetSocketAddress) echo.getLocalSocketAddress(),
                        oneWayMicros);
                        LatencyProxy toDiscard = new LatencyProxy((InetSocketAddress) discard.getLocalSocketAddress(),
                                oneWayMicros)) {
                    double direct = pingPong(echo.getLocalPort());
                    double proxied = pingPong(toEcho.port());
                    double directBw = bulk(discard.getLocalPort());
                    double proxiedBw = bulk(toDiscard.port());
                    return new ProxyCheck(direct, proxied, directBw, proxiedBw);
                }
            }
        }

        private static void serve(ServerSocket server, boolean echo) {
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        Socket s = server.accept();
                        s.setTcpNoDelay(true);
                        Thread h = new Thread(() -> {
                            byte[] b = new byte[64 * 1024];
                            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                                for (int n; (n = in.read(b)) >= 0; ) {
                                    if (echo) {
                                        out.write(b, 0, n);
                                    }
                                }
                            } catch (IOException ignored) {
                                // done
                            }
                        });
                        h.setDaemon(true);
                        h.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        /** @return mean milliseconds per 32-byte ping-pong, over 300 after 50 warm-up ones */
        private static double pingPong(int port) throws IOException {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setTcpNoDelay(true);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] ping = new byte[32];
                long t0 = 0;
                for (int i = 0; i < 350; i++) {
                    if (i == 50) {
                        t0 = System.nanoTime();
                    }
                    out.write(ping);
                    in.readNBytes(ping.length);
                }
                return (System.nanoTime() - t0) / 300 / 1e6;
            }
        }

        /** @return MiB/s of a 256 MiB one-way transfer */
        private static double bulk(int port) throws IOException {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = s.getOutputStream();
                byte[] block = new byte[64 * 1024];
                long t0 = System.nanoTime();
                for (int i = 0; i < 4096; i++) {
                    out.write(block);
                }
                s.shutdownOutput();
                s.getInputStream().read();
                return 256 / ((System.nanoTime() - t0) / 1e9);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "latency proxy (1 ms each way): round trip %.3f ms direct, %.3f ms"
                    + " through the proxy (+%.3f ms); 256 MiB one way: %.0f MiB/s direct, %.0f MiB/s through the"
                    + " proxy", directRttMs, proxiedRttMs, proxiedRttMs - directRttMs, directMiBs, proxiedMiBs);
        }
    }
}
