package org.xsmtp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/** Reads the password from an environment variable or a file, never from the command line. */
final class Password {
    private Password() {
    }

    /**
     * @param s the settings; {@code user} is set
     * @param env the environment
     * @return the password: the variable's value, or the file's first line without its line end
     * @throws CliFailure with {@link ExitCode#CONFIG} when the variable is unset or the file unreadable
     */
    static String read(Settings s, Map<String, String> env) throws CliFailure {
        if (s.passwordEnv != null) {
            String value = env.get(s.passwordEnv);
            if (value == null) {
                throw new CliFailure(ExitCode.CONFIG, "the environment variable " + s.passwordEnv
                        + " (--password-env) is not set");
            }
            return value;
        }
        String text;
        try {
            text = Files.readString(s.passwordFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.CONFIG, "cannot read the password file " + s.passwordFile + ": "
                    + e.getClass().getSimpleName(), e);
        }
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(0, end);
    }
}
