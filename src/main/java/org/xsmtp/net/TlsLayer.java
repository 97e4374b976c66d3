package org.xsmtp.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Puts TLS on a connected socket: SNI, hostname verification, protocol choice, then the handshake. */
final class TlsLayer {
    private TlsLayer() {
    }

    /**
     * @param timeoutMillis a total limit for the whole handshake: a peer that trickles its handshake bytes
     *     cannot stretch it (each read is limited too, but a trickle would restart that limit)
     */
    static SSLSocket handshake(Socket plain, TlsSettings tls, long timeoutMillis) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.socketFactory().createSocket(plain, tls.peerName(), plain.getPort(), true);
        CloseAtDeadline deadline = CloseAtDeadline.arm(plain, timeoutMillis);
        try {
            SSLParameters params = ssl.getSSLParameters();
            if (tls.checkHostname()) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!isIpLiteral(tls.peerName())) {
                params.setServerNames(List.of(new SNIHostName(stripTrailingDot(tls.peerName()))));
            }
            if (!tls.protocols().isEmpty()) {
                params.setProtocols(tls.protocols().toArray(String[]::new));
            }
            if (!tls.cipherSuites().isEmpty()) {
                params.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
            }
            ssl.setSSLParameters(params);
            ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
            ssl.startHandshake();
            deadline.close();
            if (deadline.expired()) {
                throw new SocketException("closed at the handshake deadline");
            }
            // From here on reads are bounded by the connection's watchdog deadlines, not SO_TIMEOUT.
            ssl.setSoTimeout(0);
            return ssl;
        } catch (IOException | RuntimeException e) {
            deadline.close();
            plain.close();
            if (deadline.expired() && e instanceof IOException) {
                SocketTimeoutException timeout = new SocketTimeoutException("TLS handshake with " + tls.peerName()
                        + " not complete within " + timeoutMillis + " ms");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        }
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        if (!host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return false;
        }
        try {
            return InetAddress.getByName(host) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String stripTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
