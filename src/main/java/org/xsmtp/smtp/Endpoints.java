package org.xsmtp.smtp;

import java.io.IOException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.xsmtp.net.Connection;
import org.xsmtp.net.Connector;
import org.xsmtp.net.TlsSettings;

/** Opens the connection a kind of client needs and builds the TLS settings from the options. */
final class Endpoints {
    private Endpoints() {
    }

    static Connection open(Kind kind, String host, int port, SmtpOptions options) throws IOException {
        SmtpTimeouts t = options.timeouts();
        long connect = t.connect().toMillis();
        long write = t.dataBlock().toMillis();
        if (kind == Kind.LMTP && host.startsWith("/")) {
            return Connector.unix(Path.of(host), connect, write);
        }
        if (kind.implicitTls) {
            return Connector.tls(host, port, options.sourceAddress(), connect, write, tls(host, options, null));
        }
        return Connector.tcp(host, port, options.sourceAddress(), connect, write);
    }

    static TlsSettings tls(String host, SmtpOptions options, SSLContext override) throws IOException {
        SSLSocketFactory factory;
        if (override != null) {
            factory = override.getSocketFactory();
        } else if (options.sslSocketFactory() != null) {
            factory = options.sslSocketFactory();
        } else if (options.sslContext() != null) {
            factory = options.sslContext().getSocketFactory();
        } else {
            try {
                factory = SSLContext.getDefault().getSocketFactory();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("no default TLS context in this JVM", e);
            }
        }
        String name = options.tlsServerName() != null ? options.tlsServerName() : host;
        return new TlsSettings(factory, name, !options.dangerouslySkipHostnameVerification(),
                options.tlsProtocols(), options.tlsCipherSuites());
    }

    /** smtplib's {@code host:port} rule: with port 0, a single colon splits off the port. */
    static String[] splitHostPort(String host, int port) {
        int colon = host.indexOf(':');
        if (port == 0 && colon >= 0 && colon == host.lastIndexOf(':')) {
            String portText = host.substring(colon + 1);
            try {
                return new String[] {host.substring(0, colon), String.valueOf(Integer.parseInt(portText))};
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("nonnumeric port '" + portText + "' in '" + host + "'");
            }
        }
        return new String[] {host, String.valueOf(port)};
    }
}
