package org.xsmtp.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the command line: sendmail's short options ({@code -t -i -v -f -r -F -o -b -B -N -R -V -h -L}, combined
 * getopt-style as in {@code -ti} or {@code -tf sender}, with option values attached or separate), xsmtp's long
 * options ({@code --name value} or {@code --name=value}), and the recipients. A password is never taken from
 * the command line, and no error message repeats a password.
 */
final class ArgumentParser {
    private final List<String> args;
    private final Settings settings = new Settings();
    private int next;

    private ArgumentParser(List<String> args) {
        this.args = args;
    }

    /**
     * @param args the command line
     * @return the settings, checked for consistency
     * @throws CliFailure with {@link ExitCode#USAGE} for any mistake
     */
    static Settings parse(List<String> args) throws CliFailure {
        ArgumentParser parser = new ArgumentParser(args);
        parser.readAll();
        SettingsCheck.check(parser.settings);
        return parser.settings;
    }

    private void readAll() throws CliFailure {
        while (next < args.size()) {
            String arg = args.get(next++);
            if (arg.equals("--")) {
                settings.recipients.addAll(args.subList(next, args.size()));
                return;
            } else if (arg.startsWith("--")) {
                longOption(arg);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                shortOption(arg);
            } else {
                settings.recipients.add(arg);
            }
        }
    }

    private void longOption(String arg) throws CliFailure {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        String inline = eq < 0 ? null : arg.substring(eq + 1);
        switch (name) {
            case "--help" -> settings.help = flag(name, inline);
            case "--demo" -> settings.demo = flag(name, inline);
            case "--tls" -> settings.tls = flag(name, inline);
            case "--starttls" -> settings.starttls = flag(name, inline);
            case "--lmtp" -> settings.lmtp = flag(name, inline);
            case "--debug" -> settings.debug = flag(name, inline);
            case "--progress" -> settings.progress = flag(name, inline);
            case "--host" -> settings.host = value(name, inline);
            case "--port" -> settings.port = port(value(name, inline));
            case "--user" -> settings.user = value(name, inline);
            case "--helo" -> settings.helo = value(name, inline);
            case "--password-env" -> settings.passwordEnv = value(name, inline);
            case "--password-file" -> settings.passwordFile = Path.of(value(name, inline));
            case "--file" -> settings.file = Path.of(value(name, inline));
            case "--batch-dir" -> settings.batchDir = Path.of(value(name, inline));
            case "--mbox" -> settings.mbox = Path.of(value(name, inline));
            case "--cafile" -> settings.caFile = Path.of(value(name, inline));
            default -> throw unknown(name);
        }
    }

    /**
     * A cluster of sendmail's short options, read as getopt does: flags ({@code -t -i -v}) combine, and the
     * first option that takes a value takes the rest of the cluster ({@code -tfs@x.test}) or, when nothing is
     * left, the next argument ({@code -tf s@x.test}).
     */
    private void shortOption(String arg) throws CliFailure {
        for (int i = 1; i < arg.length(); i++) {
            char c = arg.charAt(i);
            switch (c) {
                case 't' -> settings.extractRecipients = true;
                case 'i' -> settings.ignoreDots = true;
                case 'v' -> settings.debug = true;
                case 'f', 'r', 'F', 'o', 'b', 'B', 'N', 'R', 'V', 'h', 'L' -> {
                    optionValue(c, valueOf(c, arg, i));
                    return;
                }
                default -> throw unknown("-" + c);
            }
        }
    }

    private String valueOf(char c, String arg, int i) throws CliFailure {
        if (i + 1 < arg.length()) {
            return arg.substring(i + 1);
        }
        if (next >= args.size()) {
            throw CliFailure.usage("-" + c + " needs a value");
        }
        return args.get(next++);
    }

    private void optionValue(char c, String value) throws CliFailure {
        switch (c) {
            case 'f', 'r' -> settings.sender = value;
            case 'o' -> {
                // sendmail's -oX options: only -oi (a line holding a single dot is content) changes anything
                if (value.equals("i")) {
                    settings.ignoreDots = true;
                }
            }
            case 'b' -> {
                if (!value.equals("m")) {
                    throw CliFailure.usage("only the default mode -bm is supported, not -b" + value);
                }
            }
            case 'B' -> settings.body8BitMime = SubmitOptions.body(value);
            case 'N' -> settings.dsnNotify = SubmitOptions.notify(value);
            case 'R' -> settings.dsnRet = SubmitOptions.ret(value);
            case 'V' -> settings.envId = SubmitOptions.envId(value);
            default -> {
                // -F full name (xsmtp generates no From: header), -h hop count, -L syslog tag: ignored
            }
        }
    }

    private static boolean flag(String name, String inline) throws CliFailure {
        if (inline != null) {
            throw CliFailure.usage(name + " takes no value");
        }
        return true;
    }

    private String value(String name, String inline) throws CliFailure {
        if (inline != null) {
            return inline;
        }
        if (next >= args.size()) {
            throw CliFailure.usage(name + " needs a value");
        }
        return args.get(next++);
    }

    private static int port(String text) throws CliFailure {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliFailure.usage("--port must be a number from 1 to 65535");
    }

    private static CliFailure unknown(String name) {
        if (name.toLowerCase(Locale.ROOT).startsWith("--pass")) {
            return passwordOnCommandLine();
        }
        return CliFailure.usage("unknown option " + name);
    }

    private static CliFailure passwordOnCommandLine() {
        return CliFailure.usage("a password option is not accepted: a password on the command line can be read by other"
                + " users (ps, /proc, shell history); use --password-env NAME or --password-file PATH");
    }
}
