package org.xsmtp.cli;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints what the embedded server stored, with the headers it added. The server keeps one copy per
 * recipient; identical copies are printed once.
 */
final class StoredMessages {
    private StoredMessages() {
    }

    /**
     * @param messages the stored messages (one per recipient)
     * @param out where to print
     * @param full whether to print the messages, or only their count
     * @throws CliFailure with {@link ExitCode#SOFTWARE} when a stored message cannot be written out
     */
    static void print(List<MimeMessage> messages, PrintStream out, boolean full) throws CliFailure {
        if (!full) {
            out.println("== the server stored " + messages.size() + " message(s), one per recipient");
            return;
        }
        List<byte[]> distinct = new ArrayList<>();
        for (MimeMessage m : messages) {
            byte[] bytes = bytes(m);
            if (distinct.stream().noneMatch(d -> Arrays.equals(d, bytes))) {
                distinct.add(bytes);
            }
        }
        out.println("== the server stored " + messages.size() + " message(s), one per recipient"
                + (distinct.size() == 1 && messages.size() > 1 ? ", all the same:" : ":"));
        for (byte[] bytes : distinct) {
            out.write(bytes, 0, bytes.length);
            if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
                out.println();
            }
            out.println("== end of stored message");
        }
        out.flush();
    }

    private static byte[] bytes(MimeMessage m) throws CliFailure {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            m.writeTo(b);
        } catch (IOException | MessagingException e) {
            throw new CliFailure(ExitCode.SOFTWARE, "cannot print a stored message: " + e, e);
        }
        return b.toByteArray();
    }
}
