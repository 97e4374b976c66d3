package org.xsmtp.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * What a {@link ScriptedServer} does on one connection, step by step: it plays replies and reads what the
 * client sends (recorded byte for byte), so a test can compare the exact transcript.
 */
public final class Script {
    sealed interface Step permits Send, ReadLines, ReadData, ReadBytes, ReadBdat, ReadToEnd, Pause, Close, Tls,
            TlsRefused, Respond {
    }

    record Send(byte[] bytes, int chunk, long pauseMillis) implements Step {
    }

    record ReadLines(int count) implements Step {
    }

    record ReadData() implements Step {
    }

    record ReadBytes(int count) implements Step {
    }

    record ReadBdat() implements Step {
    }

    record ReadToEnd() implements Step {
    }

    record Pause(long millis) implements Step {
    }

    record Close() implements Step {
    }

    record Tls(SSLContext context) implements Step {
    }

    record TlsRefused(SSLContext context) implements Step {
    }

    record Respond(UnaryOperator<String> responder) implements Step {
    }

    final List<Step> steps = new ArrayList<>();

    /**
     * Sends reply lines; CRLF is added to each.
     *
     * @param lines the lines, e.g. {@code "250-first"}, {@code "250 last"}
     * @return this script
     */
    public Script reply(String... lines) {
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            s.append(line).append("\r\n");
        }
        return raw(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return this script, after adding a step sending exactly {@code bytes} */
    public Script raw(byte[] bytes) {
        steps.add(new Send(bytes, 0, 0));
        return this;
    }

    /** @return this script, after adding a step sending exactly {@code text} (ISO-8859-1) */
    public Script raw(String text) {
        return raw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** @return this script, after adding a step sending {@code text} in pieces of {@code chunk} bytes with pauses */
    public Script trickle(String text, int chunk, long pauseMillis) {
        steps.add(new Send(text.getBytes(StandardCharsets.ISO_8859_1), chunk, pauseMillis));
        return this;
    }

    /** @return this script, after adding a step reading {@code count} CRLF-terminated command lines */
    public Script read(int count) {
        steps.add(new ReadLines(count));
        return this;
    }

    /** @return this script, after adding a step reading one command line */
    public Script read() {
        return read(1);
    }

    /** @return this script, after adding a step reading message data up to and including CRLF.CRLF */
    public Script readData() {
        steps.add(new ReadData());
        return this;
    }

    /** @return this script, after adding a step reading exactly {@code count} bytes */
    public Script readBytes(int count) {
        steps.add(new ReadBytes(count));
        return this;
    }

    /** @return this script, after adding a step reading one {@code BDAT n [LAST]} line and its n bytes */
    public Script readBdat() {
        steps.add(new ReadBdat());
        return this;
    }

    /** @return this script, after adding a step reading until the client closes the connection */
    public Script readToEnd() {
        steps.add(new ReadToEnd());
        return this;
    }

    /** @return this script, after adding a pause */
    public Script pause(long millis) {
        steps.add(new Pause(millis));
        return this;
    }

    /** @return this script, after adding a step that closes the connection at once */
    public Script close() {
        steps.add(new Close());
        return this;
    }

    /**
     * Adds a server-side TLS handshake with {@code context}; everything read afterwards is recorded decrypted.
     * As the first step it makes the server speak implicit TLS (TLS from the first byte, as on port 465).
     * The server's session is kept in {@link ScriptedServer#tlsSessions()} (for SNI and the like).
     *
     * @param context the server's context (key managers holding its certificate)
     * @return this script
     */
    public Script tls(SSLContext context) {
        steps.add(new Tls(context));
        return this;
    }

    /**
     * Adds a server-side TLS handshake that the client must abort (for example because it rejects the
     * certificate); the script ends there. A handshake that completes fails the script. The server's error
     * (usually the client's alert) is kept in {@link ScriptedServer#tlsFailures()}.
     *
     * @param context the server's context
     * @return this script
     */
    public Script tlsRefused(SSLContext context) {
        steps.add(new TlsRefused(context));
        return this;
    }

    /**
     * Adds a step that reads one command line and sends what {@code responder} makes of it: the line comes
     * without its CRLF, the answer is sent as is (so it must end with CRLF). For exchanges that depend on
     * what the client sent, such as a SCRAM server's nonce and proof. An exception from the responder fails
     * the script.
     *
     * @param responder from the command line to the reply bytes (ISO-8859-1)
     * @return this script
     */
    public Script respond(UnaryOperator<String> responder) {
        steps.add(new Respond(responder));
        return this;
    }
}
