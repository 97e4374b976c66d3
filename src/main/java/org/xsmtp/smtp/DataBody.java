package org.xsmtp.smtp;

import java.io.IOException;
import org.xsmtp.wire.DataEncoder;

/**
 * Writes message content after a 354: CRLF-normalised, dot-stuffed, terminated by {@code .CRLF}. A failing
 * message source leaves a partial message the server must not deliver, and SMTP has no way to cancel DATA
 * but dropping the connection, so that is what happens.
 */
final class DataBody {
    private DataBody() {
    }

    static void write(CommandChannel ch, MessageSource body) throws SmtpException {
        DataTrace tap = new DataTrace(ch.trace(), ch.dataSink());
        DataEncoder encoder = DataEncoder.forData(tap.stream());
        try {
            body.writeTo(encoder);
            encoder.finish();
        } catch (IOException e) {
            if (isConnectionLoss(e)) {
                throw ch.lost("sending the message", e);
            }
            ch.close();
            throw new SmtpException("reading the message failed: " + e.getMessage()
                    + "; the connection was dropped so that no partial message is delivered", e);
        }
        tap.done();
    }

    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutputBuffer.ConnectionLostException) {
                return true;
            }
        }
        return false;
    }
}
