package org.xsmtp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the command line asked for; filled by {@link ArgumentParser}, read by the senders. */
final class Settings {
    /** Print the usage and stop. */
    boolean help;
    /** Run the main-job demo. */
    boolean demo;
    /** {@code -t}: recipients from the headers. */
    boolean extractRecipients;
    /** {@code -i}, {@code -oi}: a line holding a single dot on standard input is content, not the end. */
    boolean ignoreDots;
    /** {@code -B8BITMIME}: declare BODY=8BITMIME when the server offers 8BITMIME. */
    boolean body8BitMime;
    /** {@code -N}: the RCPT NOTIFY= value (upper case), or null. */
    String dsnNotify;
    /** {@code -R}: the MAIL RET= value ({@code HDRS} or {@code FULL}), or null. */
    String dsnRet;
    /** {@code -V}: the MAIL ENVID= value, already xtext-encoded, or null. */
    String envId;
    /** {@code -f}: the envelope sender, or null to take it from the headers. */
    String sender;
    /** Recipients named on the command line. */
    final List<String> recipients = new ArrayList<>();
    /** {@code --file}: the message, or null for standard input. */
    Path file;
    /** {@code --batch-dir}: one message per file. */
    Path batchDir;
    /** {@code --mbox}: messages in an mbox file. */
    Path mbox;
    /** {@code --host}, or null for the embedded server. */
    String host;
    /** {@code --port}, 0 for the protocol's default. */
    int port;
    /** {@code --tls}: implicit TLS. */
    boolean tls;
    /** {@code --starttls}: STARTTLS, required. */
    boolean starttls;
    /** {@code --cafile}: PEM certificates to trust instead of the JDK's, or null. */
    Path caFile;
    /** {@code --user}, or null for no authentication. */
    String user;
    /** {@code --password-env}: the variable holding the password. */
    String passwordEnv;
    /** {@code --password-file}: the file holding the password. */
    Path passwordFile;
    /** {@code --lmtp}. */
    boolean lmtp;
    /** {@code --helo}: the name for EHLO/LHLO, or null for the machine's. */
    String helo;
    /** {@code --debug}: the wire trace on standard error. */
    boolean debug;
    /** {@code --progress}: batch progress even when not on a terminal. */
    boolean progress;

    /** @return whether a batch (directory or mbox) is to be sent */
    boolean batch() {
        return batchDir != null || mbox != null;
    }
}
