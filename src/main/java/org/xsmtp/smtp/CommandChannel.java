package org.xsmtp.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.xsmtp.net.Connection;
import org.xsmtp.net.TlsSettings;
import org.xsmtp.wire.LosslessText;
import org.xsmtp.wire.RawReply;
import org.xsmtp.wire.ReplyDecoder;
import org.xsmtp.wire.ReplyFormatException;

/**
 * One live connection seen as commands out and replies in. It owns the failure rules shared by every
 * command: a broken or timed-out connection is closed and reported as {@link SmtpServerDisconnectedException}
 * (or its {@link SmtpTimeoutException} subclass), a malformed reply closes it too, and a 421 reply closes it
 * after being returned, since the server is ending the session (RFC 5321 §3.8).
 */
final class CommandChannel {
    private static final int OUTPUT_BUFFER = 64 * 1024;
    private static final int INPUT_BUFFER = 16 * 1024;
    /**
     * What one unread reply may take in the receive buffer: a reply line of at most 512 bytes (RFC 5321
     * §4.5.3.1.5) and, over TLS, its record's overhead, counted twice because the buffer size a system reports
     * includes its own bookkeeping (Linux reports twice the payload room it grants).
     */
    private static final int BYTES_PER_REPLY = 2 * 640;

    private Connection connection;
    private final OutputBuffer out;
    private final byte[] inBytes = new byte[INPUT_BUFFER];
    private final ByteBuffer in = ByteBuffer.wrap(inBytes).limit(0);
    private final ReplyDecoder decoder = new ReplyDecoder();
    private final WireTrace trace;
    private final Duration writeLimit;
    private byte[] chunkBuffer;
    private int maxUnreadReplies;

    CommandChannel(Connection connection, WireTrace trace, Duration writeLimit) {
        this.connection = connection;
        this.trace = trace;
        this.writeLimit = writeLimit;
        this.out = new OutputBuffer(connection, OUTPUT_BUFFER);
        connection.setWriteTimeout(writeLimit.toMillis());
        maxUnreadReplies = Math.max(1, connection.receiveBufferBytes() / BYTES_PER_REPLY);
    }

    /**
     * @return how many replies may be left unread while more commands are written: as many as the receive
     *     buffer holds, so that a server answering a long pipelined group never blocks writing replies that
     *     nobody reads while the client blocks writing commands (RFC 2920 §3.1)
     */
    int maxUnreadReplies() {
        return maxUnreadReplies;
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    Connection connection() {
        return connection;
    }

    /**
     * Queues an encoded command line; it reaches the server at the next {@link #flush()} or read.
     *
     * @param line the encoded line, CRLF included
     * @param maskedForm what the trace shows instead of the line (for credentials), or null
     */
    void send(byte[] line, String maskedForm) throws SmtpServerDisconnectedException {
        trace.send(line, maskedForm);
        try {
            out.write(line, 0, line.length);
        } catch (IOException e) {
            throw lost("sending", e);
        }
    }

    void flush() throws SmtpServerDisconnectedException {
        try {
            out.flush();
        } catch (IOException e) {
            throw lost("sending", e);
        }
    }

    /** @return the stream message content is written to; its failures are {@link OutputBuffer.ConnectionLostException} */
    OutputStream dataSink() {
        return out;
    }

    /**
     * @param size the chunk size
     * @return this connection's BDAT chunk buffer, made at first use and kept: one message is chunked at a time
     */
    byte[] chunkBuffer(int size) {
        if (chunkBuffer == null || chunkBuffer.length != size) {
            chunkBuffer = new byte[size];
        }
        return chunkBuffer;
    }

    /** @return bytes handed to the connection so far */
    long bytesSent() {
        return out.bytesSent();
    }

    /**
     * Flushes what is queued, then reads one reply.
     *
     * @param limit the total time the whole reply may take
     * @param masked whether the trace must hide the text of a 334 reply (AUTH challenges)
     */
    Reply read(Duration limit, boolean masked) throws SmtpException {
        if (out.hasPending()) {
            flush();
        }
        decoder.keepRawLines(trace.enabled());
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                RawReply raw = decoder.decode(in);
                if (raw != null) {
                    trace.reply(raw, masked && raw.code() == 334);
                    Reply reply = new Reply(raw.code(), LosslessText.decode(raw.text()));
                    if (reply.code() == 421) {
                        close();
                    }
                    return reply;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("reply not complete");
                }
                int n = connection.read(inBytes, 0, inBytes.length, left);
                if (n < 0) {
                    close();
                    throw new SmtpServerDisconnectedException("Connection unexpectedly closed"
                            + (decoder.hasPartialReply() ? " in the middle of a reply" : "") + " by " + peer());
                }
                in.position(0).limit(n);
            }
        } catch (SocketTimeoutException e) {
            close();
            throw new SmtpTimeoutException("no complete reply from " + peer() + " within " + seconds(limit)
                    + "; connection closed", e);
        } catch (ReplyFormatException e) {
            close();
            if (e.kind() == ReplyFormatException.Kind.LINE_TOO_LONG) {
                throw new SmtpResponseException(500, "Line too long.");
            }
            throw new SmtpResponseException(500, "Malformed reply: " + e.getMessage());
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            close();
            throw new SmtpServerDisconnectedException("Connection unexpectedly closed: " + e.getMessage(), e);
        }
    }

    /** @return whether reply bytes arrived that no command asked for yet */
    boolean hasUnreadInput() throws SmtpServerDisconnectedException {
        try {
            return in.hasRemaining() || decoder.hasPartialReply() || connection.hasUnreadInput();
        } catch (IOException e) {
            throw lost("checking for input", e);
        }
    }

    /** Replaces the connection with its TLS-upgraded form (after a 220 to STARTTLS). */
    void startTls(TlsSettings tls, Duration handshakeLimit) throws IOException {
        Connection secured = connection.startTls(tls, handshakeLimit.toMillis());
        connection = secured;
        out.connection(secured);
        secured.setWriteTimeout(writeLimit.toMillis());
        maxUnreadReplies = Math.max(1, secured.receiveBufferBytes() / BYTES_PER_REPLY);
    }

    void close() {
        out.discard();
        connection.close();
    }

    String peer() {
        return connection.peer();
    }

    WireTrace trace() {
        return trace;
    }

    SmtpServerDisconnectedException lost(String doing, IOException e) {
        close();
        IOException cause = e instanceof OutputBuffer.ConnectionLostException && e.getCause() instanceof IOException io
                ? io : e;
        if (cause instanceof SocketTimeoutException) {
            return new SmtpTimeoutException("timed out " + doing + " to " + peer() + ": " + cause.getMessage()
                    + "; connection closed", cause);
        }
        return new SmtpServerDisconnectedException("connection to " + peer() + " lost while " + doing + ": "
                + cause.getMessage(), cause);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
