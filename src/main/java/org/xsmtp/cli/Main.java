package org.xsmtp.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The {@code xsmtp} command: a sendmail-compatible mail submission client on the xsmtp engine. See
 * {@code xsmtp --help} and the README's command line section.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command and exits with its {@code sysexits.h} status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     * @param stdin standard input (the message)
     * @param out standard output (stored messages of the embedded server, the demo, the usage)
     * @param err standard error (failures, refusals, notes, the wire trace)
     * @param env the environment ({@code --password-env})
     * @return the exit status
     */
    static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err,
            Map<String, String> env) {
        try {
            Settings s = ArgumentParser.parse(args);
            if (s.help) {
                out.print(Usage.TEXT);
                return ExitCode.OK.status();
            }
            ExitCode code = s.demo ? Demo.run(out)
                    : s.batch() ? BatchSend.run(s, out, err, env)
                    : SingleSend.run(s, stdin, out, err, env);
            return code.status();
        } catch (CliFailure e) {
            err.println("xsmtp: " + e.getMessage());
            if (e.code() == ExitCode.USAGE) {
                err.println("xsmtp: see xsmtp --help");
            }
            return e.code().status();
        } catch (RuntimeException e) {
            err.println("xsmtp: internal error: " + e);
            e.printStackTrace(err);
            return ExitCode.SOFTWARE.status();
        } finally {
            out.flush();
            err.flush();
        }
    }
}
