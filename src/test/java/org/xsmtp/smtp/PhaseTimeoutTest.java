package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xsmtp.testkit.Script;
import org.xsmtp.testkit.ScriptedServer;

/**
 * Each phase of a session has its own limit (SmtpTimeouts), and each limit is a total deadline for the whole
 * reply: a server that stays silent, or that trickles its reply one byte every 100 ms, is cut off after the
 * limit of that phase and no other. Every phase gets a distinct limit (500 ms plus its ordinal) while the
 * others are 20 s, and the exception must name the phase's limit. The guard around each case is ten times
 * the limit; a deadline that a trickle could stretch would make the reply complete after 8 s, failing the
 * case either way.
 */
class PhaseTimeoutTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final Duration GUARD = Duration.ofSeconds(5);
    private static final String MSG = "Subject: t\r\n\r\nbody\r\n";
    /** 86 bytes: trickled at one byte per 100 ms, the reply would take 8.6 s. */
    private static final String FILLER = "x".repeat(80);

    enum Phase { GREETING, COMMAND, DATA_INITIATION, END_OF_DATA, LAST_CHUNK }

    enum Stall { SILENT, TRICKLE }

    private static void stall(Script s, Stall stall, String reply) {
        String line = reply + " " + FILLER + "\r\n";
        if (stall == Stall.SILENT) {
            s.pause(8000).raw(line);
        } else {
            s.trickle(line, 1, 100);
        }
    }

    private static Consumer<Script> script(Phase phase, Stall stall) {
        return s -> {
            if (phase == Phase.GREETING) {
                stall(s, stall, "220");
                return;
            }
            s.reply("220 x").read();
            if (phase == Phase.COMMAND) {
                stall(s, stall, "250");
                return;
            }
            s.reply("250-x", phase == Phase.LAST_CHUNK ? "250 CHUNKING" : "250 8BITMIME");
            s.read().reply("250 ok").read().reply("250 ok");
            if (phase == Phase.LAST_CHUNK) {
                s.readBdat();
                stall(s, stall, "250");
                return;
            }
            s.read();
            if (phase == Phase.DATA_INITIATION) {
                stall(s, stall, "354");
                return;
            }
            s.reply("354 go").readData();
            stall(s, stall, "250");
        };
    }

    private static SmtpTimeouts timeouts(Phase phase) {
        Duration limit = limit(phase);
        return switch (phase) {
            case GREETING -> new SmtpTimeouts(LONG, limit, LONG, LONG, LONG, LONG);
            case COMMAND -> new SmtpTimeouts(LONG, LONG, limit, LONG, LONG, LONG);
            case DATA_INITIATION -> new SmtpTimeouts(LONG, LONG, LONG, limit, LONG, LONG);
            case END_OF_DATA, LAST_CHUNK -> new SmtpTimeouts(LONG, LONG, LONG, LONG, LONG, limit);
        };
    }

    private static Duration limit(Phase phase) {
        return Duration.ofMillis(500 + phase.ordinal());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Phase.class)
    void aSilentServerIsCutOffAtThePhaseLimit(Phase phase) throws Exception {
        check(phase, Stall.SILENT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Phase.class)
    void aTricklingServerCannotStretchThePhaseLimit(Phase phase) throws Exception {
        check(phase, Stall.TRICKLE);
    }

    private static void check(Phase phase, Stall stall) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(script(phase, stall))) {
            SmtpOptions options = SmtpOptions.builder().localHostname("me.test").pipelining(false)
                    .timeouts(timeouts(phase)).build();
            SmtpClient client = new SmtpClient(options);
            Throwable thrown = assertTimeoutPreemptively(GUARD, () -> assertThrows(SmtpServerDisconnectedException.class,
                    () -> {
                        client.connect("127.0.0.1", server.port());
                        client.ehlo();
                        client.sendmail("a@x.test", List.of("b@y.test"), MSG);
                    }));
            SmtpTimeoutException timeout;
            if (phase == Phase.END_OF_DATA || phase == Phase.LAST_CHUNK) {
                SmtpOutcomeUnknownException unknown = assertInstanceOf(SmtpOutcomeUnknownException.class, thrown);
                assertTrue(unknown.recipients().get(0).unconfirmed());
                timeout = assertInstanceOf(SmtpTimeoutException.class, unknown.getCause());
            } else {
                timeout = assertInstanceOf(SmtpTimeoutException.class, thrown);
            }
            String expected = "within " + limit(phase).toMillis() + " ms";
            assertTrue(timeout.getMessage().contains(expected), () -> timeout.getMessage() + " lacks " + expected);
            assertFalse(client.isConnected());
        }
    }
}
