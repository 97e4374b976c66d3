package org.xsmtp.cli;

/** Rejects settings that contradict each other or miss something, before anything is read or sent. */
final class SettingsCheck {
    private SettingsCheck() {
    }

    /**
     * @param s the parsed settings
     * @throws CliFailure with {@link ExitCode#USAGE} naming the problem
     */
    static void check(Settings s) throws CliFailure {
        if (s.help) {
            return;
        }
        int sources = (s.file != null ? 1 : 0) + (s.batchDir != null ? 1 : 0) + (s.mbox != null ? 1 : 0);
        if (sources > 1) {
            throw CliFailure.usage("give at most one of --file, --batch-dir and --mbox");
        }
        if (s.demo && (sources > 0 || s.host != null || s.extractRecipients || !s.recipients.isEmpty())) {
            throw CliFailure.usage("--demo takes no message, host or recipients");
        }
        if (s.demo) {
            return;
        }
        if (!s.extractRecipients && s.recipients.isEmpty()) {
            throw CliFailure.usage("no recipients: name them as arguments, or use -t to take them from the"
                    + " message's To, Cc and Bcc headers");
        }
        checkConnection(s);
        checkCredentials(s);
    }

    private static void checkConnection(Settings s) throws CliFailure {
        if (s.tls && s.starttls) {
            throw CliFailure.usage("--tls (TLS from the start) and --starttls exclude each other");
        }
        if (s.lmtp && s.tls) {
            throw CliFailure.usage("--lmtp does not support --tls; use --starttls");
        }
        if (s.host == null && (s.port != 0 || s.tls || s.starttls || s.lmtp || s.user != null || s.caFile != null)) {
            throw CliFailure.usage("--port, --tls, --starttls, --lmtp, --user and --cafile need --host (without"
                    + " --host xsmtp sends to an embedded test server)");
        }
        if (s.host != null && s.host.startsWith("/") && !s.lmtp) {
            throw CliFailure.usage("a Unix socket path as --host needs --lmtp");
        }
        if (s.host != null && s.host.isEmpty()) {
            throw CliFailure.usage("--host must not be empty");
        }
    }

    private static void checkCredentials(Settings s) throws CliFailure {
        boolean hasSource = s.passwordEnv != null || s.passwordFile != null;
        if (s.passwordEnv != null && s.passwordFile != null) {
            throw CliFailure.usage("give one of --password-env and --password-file");
        }
        if (s.user != null && !hasSource) {
            throw CliFailure.usage("--user needs --password-env NAME or --password-file PATH (a password is"
                    + " never taken from the command line)");
        }
        if (s.user == null && hasSource) {
            throw CliFailure.usage("--password-env and --password-file need --user");
        }
    }
}
