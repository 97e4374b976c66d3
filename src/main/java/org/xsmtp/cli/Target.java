package org.xsmtp.cli;

import java.io.PrintStream;
import java.util.Map;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpException;

/**
 * Where the messages go: the server named by {@code --host}, or the embedded GreenMail when none is named,
 * whose stored messages are printed at the end.
 */
final class Target implements AutoCloseable {
    private final SmtpClient client;
    private final EmbeddedServer embedded;

    private Target(SmtpClient client, EmbeddedServer embedded) {
        this.client = client;
        this.embedded = embedded;
    }

    /**
     * @param s the settings
     * @param env the environment, for the password
     * @param err where notes and the wire trace go
     * @return an open session, after STARTTLS and AUTH when asked for
     * @throws CliFailure when the session cannot be opened
     */
    static Target open(Settings s, Map<String, String> env, PrintStream err) throws CliFailure {
        if (s.host != null) {
            return new Target(ClientFactory.open(s, s.host, s.port, env, err), null);
        }
        EmbeddedServer server = EmbeddedServer.start();
        err.println("xsmtp: no --host given: sending to an embedded GreenMail test server on 127.0.0.1:"
                + server.port() + " (nothing leaves this machine)");
        try {
            return new Target(ClientFactory.open(s, "127.0.0.1", server.port(), env, err), server);
        } catch (CliFailure | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** @return the session */
    SmtpClient client() {
        return client;
    }

    /**
     * Ends the session with QUIT and, for the embedded server, prints what it stored. A failing QUIT is only
     * a warning: what the server accepted before stays accepted.
     *
     * @param out where the stored messages go
     * @param err where warnings go
     * @param full whether to print each stored message or only their count
     * @throws CliFailure when the stored messages cannot be printed
     */
    void finish(PrintStream out, PrintStream err, boolean full) throws CliFailure {
        try {
            client.close();
        } catch (SmtpException e) {
            err.println("xsmtp: warning: QUIT failed after the send: " + e.getMessage());
        }
        if (embedded != null) {
            StoredMessages.print(embedded.received(), out, full);
        }
    }

    /** Drops the connection if still open and stops the embedded server. */
    @Override
    public void close() {
        client.abort();
        if (embedded != null) {
            embedded.close();
        }
    }
}
