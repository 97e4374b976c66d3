package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xsmtp.testkit.Bounded;
import org.xsmtp.testkit.StreamServer;
import org.xsmtp.wire.Escapes;

/**
 * Hostile and broken replies, each with its defined result: a typed exception and a closed connection, or a
 * reply accepted where RFC 5321 (or smtplib) allows it. Every case runs under a generous time limit (five
 * times the client's 2 s timeouts) and the heap bytes the client thread allocates are measured: a client
 * that buffered the 2 MB reply, the endless reply or the 100 MB line would allocate at least that much. The
 * table of results is in SECURITY.md; each case prints its figures.
 */
class HostileReplyTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final long MAX_ALLOCATED = 32L << 20;
    private static final String MSG = "Subject: t\r\n\r\nbody\r\n";

    /** What the client does once connected: nothing more, EHLO, or sendmail (which sends EHLO itself). */
    enum Step { CONNECT, EHLO, SENDMAIL }

    /**
     * One case.
     *
     * @param payload what the server sends: as greeting (step CONNECT) or as the reply to EHLO
     * @param step how far the client goes
     * @param pipelining whether the client may pipeline
     * @param check judges the outcome (the client, the outcome, what the server got after EHLO)
     */
    record Case(Payload payload, Step step, boolean pipelining, BiConsumer<SmtpClient[], Result> check) {
    }

    /** The outcome, whether the connection was still open, and what the server read after EHLO. */
    record Result(Bounded.Outcome<Object> outcome, boolean connected, byte[] afterEhlo) {
        Throwable failure() {
            return outcome.failure();
        }
    }

    /** Writes the hostile bytes. */
    interface Payload {
        void write(OutputStream out) throws IOException;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("greeting with an invalid code", text("2x0 hello\r\n"), Step.CONNECT, true, (cl, r) -> {
                    SmtpConnectException e = assertInstanceOf(SmtpConnectException.class, r.failure());
                    assertEquals(new Reply(-1, "hello"), e.reply());
                }),
                c("greeting code outside 2xx-5xx", text("999 hello\r\n"), Step.CONNECT, true, (cl, r) -> {
                    assertEquals(999, assertInstanceOf(SmtpConnectException.class, r.failure()).code());
                }),
                c("invalid code (accepted as -1, as smtplib)", text("2x0 bad\r\n"), Step.EHLO, true, (cl, r) -> {
                    assertEquals(new Reply(-1, "bad"), r.outcome().value());
                    assertTrue(r.connected());
                    assertFalse(cl[0].doesEsmtp());
                }),
                c("mismatched codes in one reply", text("250-a\r\n251 b\r\n"), Step.EHLO, true,
                        malformed("reply lines carry different codes (250 then 251)")),
                c("code-only line (RFC 5321 allows)", text("250\r\n"), Step.EHLO, true, (cl, r) -> {
                    assertEquals(new Reply(250, ""), r.outcome().value());
                    assertTrue(cl[0].doesEsmtp());
                    assertTrue(cl[0].esmtpFeatures().isEmpty());
                }),
                c("empty text on every line", text("250-\r\n250 \r\n"), Step.EHLO, true, (cl, r) -> {
                    assertEquals(new Reply(250, "\n"), r.outcome().value());
                }),
                c("empty line (smtplib: server not connected)", text("\r\n"), Step.EHLO, true, (cl, r) -> {
                    assertEquals(SmtpServerDisconnectedException.class, r.failure().getClass());
                    assertEquals("Server not connected", r.failure().getMessage());
                }),
                c("NUL, 0xFF and non-UTF-8 bytes", bytes("250-x\u0000y\r\n250 \u00ff\u00fe caf\u00e9\r\n"),
                        Step.EHLO, true, (cl, r) -> {
                            Reply reply = (Reply) r.outcome().value();
                            assertEquals(250, reply.code());
                            assertArrayEquals("x\u0000y\n\u00ff\u00fe caf\u00e9".getBytes(StandardCharsets.ISO_8859_1),
                                    reply.messageBytes());
                        }),
                c("bare CR inside a line", text("250 a\rb\r\n"), Step.EHLO, true, (cl, r) -> {
                    assertEquals(new Reply(250, "a\rb"), r.outcome().value());
                }),
                c("EHLO reply of 999 lines", lines(999), Step.EHLO, true, (cl, r) -> {
                    assertEquals(250, ((Reply) r.outcome().value()).code());
                    assertTrue(cl[0].hasExtn("pipelining"));
                    assertEquals(999, cl[0].ehloResp().split("\n").length);
                }),
                c("EHLO reply of 1000 lines (the limit)", lines(1000), Step.EHLO, true, (cl, r) -> {
                    assertEquals(250, ((Reply) r.outcome().value()).code());
                    assertEquals(1000, cl[0].ehloResp().split("\n").length);
                }),
                c("EHLO reply of 1001 lines", lines(1001), Step.EHLO, true,
                        malformed("reply longer than 1000 lines")),
                c("EHLO reply of 2 MB", twoMegabytes(), Step.EHLO, true,
                        malformed("reply longer than 1048576 bytes")),
                c("endless continuation lines", HostileReplyTest::endlessContinuation, Step.EHLO, true,
                        malformed("reply longer than 1000 lines")),
                c("100 MB line without LF", HostileReplyTest::hundredMegabyteLine, Step.EHLO, true, (cl, r) -> {
                    SmtpResponseException e = assertInstanceOf(SmtpResponseException.class, r.failure());
                    assertEquals(new Reply(500, "Line too long."), e.reply());
                }),
                c("reply cut off by a close", closeAfter("250-a\r\n250 b"), Step.EHLO, true, (cl, r) -> {
                    assertEquals(SmtpServerDisconnectedException.class, r.failure().getClass());
                    assertTrue(r.failure().getMessage().contains("in the middle of a reply"), r.failure().getMessage());
                }),
                c("421 to EHLO: no HELO on a closed connection", text("421 4.3.2 closing\r\n"), Step.SENDMAIL, true,
                        (cl, r) -> {
                            SmtpHeloException e = assertInstanceOf(SmtpHeloException.class, r.failure());
                            assertEquals(new Reply(421, "4.3.2 closing"), e.reply());
                            assertEquals(0, r.afterEhlo().length);
                        }),
                c("unsolicited reply before MAIL, pipelining", text("250-x\r\n250 PIPELINING\r\n250 surprise\r\n"),
                        Step.SENDMAIL, true, unsolicited()),
                c("unsolicited reply before MAIL, no pipelining", text("250-x\r\n250 PIPELINING\r\n250 surprise\r\n"),
                        Step.SENDMAIL, false, unsolicited()),
                c("unsolicited 421 before MAIL (idle shutdown)", text("250 x\r\n421 4.4.2 idle too long\r\n"),
                        Step.SENDMAIL, true, (cl, r) -> {
                            SmtpSenderRefusedException e = assertInstanceOf(SmtpSenderRefusedException.class, r.failure());
                            assertEquals(new Reply(421, "4.4.2 idle too long"), e.reply());
                            assertEquals(0, r.afterEhlo().length, new String(r.afterEhlo(), StandardCharsets.ISO_8859_1));
                        }));
    }

    private static Arguments c(String name, Payload payload, Step step, boolean pipelining,
            BiConsumer<SmtpClient[], Result> check) {
        return Arguments.of(name, new Case(payload, step, pipelining, check));
    }

    private static BiConsumer<SmtpClient[], Result> malformed(String detail) {
        return (cl, r) -> {
            SmtpResponseException e = assertInstanceOf(SmtpResponseException.class, r.failure());
            assertEquals(new Reply(500, "Malformed reply: " + detail), e.reply());
        };
    }

    private static BiConsumer<SmtpClient[], Result> unsolicited() {
        return (cl, r) -> {
            assertEquals(SmtpServerDisconnectedException.class, r.failure().getClass(), () -> "got " + r.failure());
            assertTrue(r.failure().getMessage().contains("unsolicited reply"), r.failure().getMessage());
            assertEquals(0, r.afterEhlo().length, new String(r.afterEhlo(), StandardCharsets.ISO_8859_1));
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileReplyHasItsDefinedResult(String name, Case c) throws Exception {
        ByteArrayOutputStream afterEhlo = new ByteArrayOutputStream();
        try (StreamServer server = StreamServer.tcp((in, out) -> serve(c, in, out, afterEhlo))) {
            SmtpOptions options = SmtpOptions.builder().localHostname("me.test").pipelining(c.pipelining())
                    .timeout(CLIENT_TIMEOUT).build();
            SmtpClient[] client = new SmtpClient[1];
            int port = server.port();
            Bounded.Outcome<Object> outcome = Bounded.run(GUARD, () -> {
                client[0] = new SmtpClient(options);
                Reply greeting = client[0].connect("127.0.0.1", port);
                if (c.step() == Step.CONNECT) {
                    if (greeting.code() != 220) {
                        client[0].abort();
                        throw new SmtpConnectException(greeting.code(), greeting.message(), "connect");
                    }
                    return greeting;
                }
                if (c.step() == Step.EHLO) {
                    return client[0].ehlo();
                }
                return client[0].sendmail("a@x.test", List.of("b@y.test"), MSG);
            });
            assertFalse(outcome.hung(), name + ": no result within " + GUARD);
            String shown = outcome.failure() != null
                    ? outcome.failure().getClass().getSimpleName() + " " + outcome.failure().getMessage()
                    : outcome.value() instanceof Reply reply
                            ? "accepted " + reply.code() + " " + Escapes.escape(reply.messageBytes(), 0,
                                    reply.messageBytes().length)
                            : "accepted " + outcome.value();
            System.out.printf("hostile: %s: %s; client allocated %d KiB%n", name,
                    Escapes.escape(shown.length() > 120 ? shown.substring(0, 120) + "..." : shown),
                    outcome.allocatedBytes() >> 10);
            assertTrue(outcome.allocatedBytes() >= 0 && outcome.allocatedBytes() < MAX_ALLOCATED,
                    name + ": client allocated " + outcome.allocatedBytes() + " bytes");
            boolean connected = client[0] != null && client[0].isConnected();
            if (outcome.failure() != null) {
                assertNull(outcome.value());
                assertFalse(connected, name + ": connection left open");
                assertInstanceOf(SmtpException.class, outcome.failure());
            }
            if (client[0] != null) {
                client[0].abort();
            }
            server.awaitHandler(GUARD);
            byte[] after;
            synchronized (afterEhlo) {
                after = afterEhlo.toByteArray();
            }
            c.check().accept(client, new Result(outcome, connected, after));
        }
    }

    private static void serve(Case c, InputStream in, OutputStream out, ByteArrayOutputStream afterEhlo)
            throws Exception {
        if (c.step() == Step.CONNECT) {
            c.payload().write(out);
            out.flush();
            StreamServer.drain(in);
            return;
        }
        StreamServer.write(out, "220 hostile.test\r\n");
        StreamServer.line(in);
        c.payload().write(out);
        out.flush();
        byte[] b = new byte[8192];
        for (int n; (n = in.read(b)) >= 0; ) {
            synchronized (afterEhlo) {
                afterEhlo.write(b, 0, n);
            }
        }
    }

    private static Payload text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static Payload bytes(String iso88591) {
        return out -> out.write(iso88591.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Payload closeAfter(String s) {
        return out -> {
            out.write(s.getBytes(StandardCharsets.US_ASCII));
            out.close();
        };
    }

    /** {@code n} lines: 250-fake.test, 250-PIPELINING, then fillers, the last one {@code 250 end}. */
    private static Payload lines(int n) {
        return out -> {
            StringBuilder s = new StringBuilder("250-fake.test\r\n250-PIPELINING\r\n");
            for (int i = 2; i < n - 1; i++) {
                s.append("250-X-FILLER-").append(i).append("\r\n");
            }
            s.append("250 end\r\n");
            out.write(s.toString().getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** 256 lines of 8,000 letters: every line within the line limit, 2 MB in all. */
    private static Payload twoMegabytes() {
        return out -> {
            byte[] line = ("250-" + "a".repeat(8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 255; i++) {
                out.write(line);
            }
            out.write("250 end\r\n".getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** {@code 250-x} lines until the client goes away. */
    private static void endlessContinuation(OutputStream out) throws IOException {
        byte[] block = "250-x\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        while (true) {
            out.write(block);
        }
    }

    /** 100 MB without a line end, in 1 MB writes, or until the client goes away. */
    private static void hundredMegabyteLine(OutputStream out) throws IOException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 'a');
        out.write("250 ".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 100; i++) {
            out.write(block);
        }
    }
}
