package org.xsmtp.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Tells whether a socket is in the listening state without connecting to it, from Linux's
 * {@code /proc/net/tcp} and {@code /proc/net/unix}, so that waiting for readiness opens no
 * session (which would count for smtp-sink's {@code -n}, or show in a Postfix log).
 * Answers {@code null} when {@code /proc} cannot tell; callers then probe by connecting.
 */
public final class ListeningSockets {

    private static final String TCP_LISTEN = "0A";
    private static final String UNIX_ACCEPTCON = "00010000";

    private ListeningSockets() {
    }

    /** True/false from {@code /proc}, or null if it cannot be read. */
    public static Boolean isListening(SocketAddress address) {
        try {
            if (address instanceof UnixDomainSocketAddress) {
                return unix(((UnixDomainSocketAddress) address).getPath());
            }
            return tcp(((InetSocketAddress) address).getPort());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean tcp(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f[1].endsWith(hexPort) && f[3].equals(TCP_LISTEN)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unix(Path path) throws IOException {
        String wanted = path.toAbsolutePath().toString();
        List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[7].equals(wanted) && f[3].equals(UNIX_ACCEPTCON)) {
                return true;
            }
        }
        return false;
    }
}
