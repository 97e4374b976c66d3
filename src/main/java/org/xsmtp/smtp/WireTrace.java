package org.xsmtp.smtp;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.LocalTime;
import org.xsmtp.wire.Escapes;
import org.xsmtp.wire.RawReply;

/**
 * The wire trace, in smtplib's {@code set_debuglevel} format ({@code send: 'EHLO x\r\n'},
 * {@code reply: b'250 ok\r\n'}), printed to the debug stream at level 1 (level 2 adds a timestamp) and
 * logged through {@code System.Logger} {@code org.xsmtp.wire} at DEBUG. Credentials never appear.
 */
final class WireTrace {
    static final String MASK = "****";
    private static final System.Logger LOG = System.getLogger("org.xsmtp.wire");
    private static final int DATA_PREVIEW_BYTES = 4096;

    private volatile int level;
    private final PrintStream out;

    WireTrace(int level, PrintStream out) {
        this.level = level;
        this.out = out;
    }

    void setLevel(int level) {
        this.level = level;
    }

    boolean enabled() {
        return level > 0 || LOG.isLoggable(Level.DEBUG);
    }

    void print(String text) {
        int l = level;
        if (l > 0) {
            out.println(l > 1 ? LocalTime.now() + " " + text : text);
        }
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, text);
        }
    }

    void connect(String host, int port) {
        if (enabled()) {
            print(port < 0 ? "connect: " + Escapes.escape(host) : "connect: (" + Escapes.escape(host) + ", " + port + ")");
        }
    }

    void send(byte[] line, String maskedForm) {
        if (enabled()) {
            print("send: " + (maskedForm != null ? Escapes.escape(maskedForm + "\r\n")
                    : Escapes.escape(new String(line, java.nio.charset.StandardCharsets.UTF_8))));
        }
    }

    void reply(RawReply reply, boolean masked) {
        if (!enabled()) {
            return;
        }
        for (byte[] raw : reply.rawLines()) {
            byte[] shown = masked ? maskLine(raw) : raw;
            print("reply: " + Escapes.escape(shown, 0, shown.length));
        }
        String text = masked ? MASK : Escapes.escape(reply.text(), 0, reply.text().length);
        print("reply: retcode (" + reply.code() + "); Msg: " + text);
    }

    void data(byte[] preview, int previewLength, long total) {
        data(preview, 0, previewLength, total);
    }

    void data(byte[] bytes, int off, int previewLength, long total) {
        if (enabled()) {
            String more = total > previewLength ? " (+" + (total - previewLength) + " more bytes)" : "";
            print("send: " + Escapes.escape(bytes, off, previewLength) + more);
        }
    }

    static int previewCapacity() {
        return DATA_PREVIEW_BYTES;
    }

    private static byte[] maskLine(byte[] raw) {
        String head = new String(raw, 0, Math.min(4, raw.length), java.nio.charset.StandardCharsets.ISO_8859_1);
        return (head + MASK + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
