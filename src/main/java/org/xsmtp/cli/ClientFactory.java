package org.xsmtp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import org.xsmtp.smtp.LmtpClient;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpOptions;
import org.xsmtp.smtp.SmtpSslClient;

/** Opens the session the settings describe: connect, STARTTLS when asked, then AUTH when a user is given. */
final class ClientFactory {
    private ClientFactory() {
    }

    /**
     * @param s the settings
     * @param host the host to connect to (the embedded server's address when the settings name none)
     * @param port the port, 0 for the protocol's default
     * @param env the environment, for {@code --password-env}
     * @param trace where the wire trace goes with {@code --debug}
     * @return a client ready for MAIL
     * @throws CliFailure when the password source or CA file is unusable, or the session cannot be opened
     */
    static SmtpClient open(Settings s, String host, int port, Map<String, String> env, PrintStream trace)
            throws CliFailure {
        String password = s.user != null ? Password.read(s, env) : null;
        SmtpOptions.Builder options = SmtpOptions.builder();
        if (s.debug) {
            options.debugLevel(1).debugOut(trace);
        }
        if (s.helo != null) {
            options.localHostname(s.helo);
        }
        if (s.caFile != null) {
            options.sslContext(TrustFile.context(s.caFile));
        }
        SmtpClient client = null;
        try {
            client = s.lmtp ? new LmtpClient(host, port, options.build())
                    : s.tls ? new SmtpSslClient(host, port, options.build())
                    : new SmtpClient(host, port, options.build());
            if (s.starttls) {
                client.starttls();
            }
            if (s.user != null) {
                client.login(s.user, password);
            }
            return client;
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.abort();
            }
            throw Failures.of(e);
        }
    }
}
