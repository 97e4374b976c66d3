package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;
import org.xsmtp.wire.Escapes;

/**
 * Nothing a caller passes as an address or an ESMTP parameter can add a parameter or a command: every
 * parameter keyword (SIZE, RET, ENVID, ORCPT, NOTIFY, AUTH) with every payload, as a MAIL and as a RCPT
 * option, through sendmail, the low-level mail()/rcpt() and sendBatch (where it is that message's failure),
 * is rejected with IllegalArgumentException before a byte is written: the server sees EHLO and, for the
 * batch, the good message only.
 */
class InjectionTest {
    private static final String MSG = "Subject: t\r\n\r\nbody\r\n";
    private static final String GOOD_MESSAGE = "MAIL FROM:<a@x.test> SIZE=" + MSG.length() + "\r\n"
            + "RCPT TO:<b@y.test>\r\nDATA\r\n" + MSG + ".\r\n";

    private static final List<String> KEYWORDS = List.of("SIZE", "RET", "ENVID", "ORCPT", "NOTIFY", "AUTH");
    private static final List<String> VALUES = List.of("1000", "HDRS", "QQ314159", "rfc822;b@y.test",
            "SUCCESS,FAILURE", "<a@x.test>");
    /** Appended to a valid value: each would add a parameter or end the command in a naive encoding. */
    private static final List<String> PAYLOADS = List.of(" NOTIFY=NEVER", "\tNOTIFY=NEVER", "\r\nRSET", "\nRSET",
            "\rRSET", "\u0000", "=x", "\u760A\u760DRSET", "\u0085RSET");

    static Stream<Arguments> badParameters() {
        List<Arguments> out = new ArrayList<>();
        for (int k = 0; k < KEYWORDS.size(); k++) {
            String keyword = KEYWORDS.get(k);
            for (String payload : PAYLOADS) {
                out.add(Arguments.of(keyword + "=" + VALUES.get(k) + payload));
            }
            out.add(Arguments.of(keyword + "="));
            out.add(Arguments.of(keyword + " =" + VALUES.get(k)));
            out.add(Arguments.of(keyword + "\r\nRSET=" + VALUES.get(k)));
            out.add(Arguments.of(keyword + "=" + VALUES.get(k) + " " + keyword + "=" + VALUES.get(k)));
        }
        out.add(Arguments.of(""));
        out.add(Arguments.of("=x"));
        return out.stream();
    }

    static Stream<Arguments> badAddresses() {
        return Stream.of("a@b> NOTIFY=SUCCESS", "a@b>\r\nRCPT TO:<evil@x.test>", "a@b>\nRSET", "\"a\r\nb\"@x.test",
                "\"a\r\n b\"@x.test", "\"a b\"@x.test", "\"x NOTIFY=SUCCESS\"@y.test", "\"a>b\"@x.test", "a b@x.test",
                "a@x.test\u0000", "a\rb@x.test", "a\nb@x.test", "a\tb@x.test", "<a@b> <c@d>", "a@x.test\u760A",
                "a@x.test\u760D", "<a@x.test\r\n>", "a@x.test\r\n", "Name\r\n <a@x.test>", "a@x.test (x\r\ny)").map(Arguments::of);
    }

    private static Dialog dialog() {
        return Dialog.esmtp("PIPELINING", "SIZE 100000", "DSN", "AUTH PLAIN").on("MAIL", "250 2.1.0 Ok")
                .on("RCPT", "250 2.1.5 Ok").on("DATA", "354 go");
    }

    private static SmtpClient client(ScriptedServer server) throws Exception {
        return new SmtpClient("127.0.0.1", server.port(), SmtpOptions.builder().localHostname("me.test")
                .timeout(Duration.ofSeconds(5)).build());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("badParameters")
    void aParameterThatWouldAddAParameterOrACommandIsRejectedBeforeWriting(String option) throws Exception {
        List<String> bad = new ArrayList<>();
        bad.add(option);
        try (ScriptedServer server = ScriptedServer.start(dialog())) {
            try (SmtpClient client = client(server)) {
                assertThrows(IllegalArgumentException.class,
                        () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG, bad, List.of()));
                assertThrows(IllegalArgumentException.class,
                        () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG, List.of(), bad));
                assertThrows(IllegalArgumentException.class, () -> client.mail("a@x.test", bad));
                assertThrows(IllegalArgumentException.class, () -> client.rcpt("b@y.test", bad));
                assertEquals("EHLO me.test\r\n", server.receivedSoFar());
                badFirstInBatch(client, new OutboundMessage("a@x.test", List.of("b@y.test"), bytes(MSG), bad,
                        List.of()));
                badFirstInBatch(client, new OutboundMessage("a@x.test", List.of("b@y.test"), bytes(MSG), List.of(),
                        bad));
            }
            assertEquals("EHLO me.test\r\n" + GOOD_MESSAGE + "RSET\r\n" + GOOD_MESSAGE + "RSET\r\nQUIT\r\n",
                    server.transcript(), () -> Escapes.escape(server.transcript()));
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("badAddresses")
    void anAddressThatIsNotOnePathIsRejectedBeforeWriting(String address) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(dialog())) {
            try (SmtpClient client = client(server)) {
                assertThrows(IllegalArgumentException.class, () -> client.sendmail(address, List.of("b@y.test"), MSG));
                assertThrows(IllegalArgumentException.class,
                        () -> client.sendmail("a@x.test", List.of("ok@y.test", address), MSG));
                assertThrows(IllegalArgumentException.class, () -> client.mail(address));
                assertThrows(IllegalArgumentException.class, () -> client.rcpt(address));
                assertThrows(IllegalArgumentException.class, () -> client.verify(address + "\r\nRSET"));
                assertEquals("EHLO me.test\r\n", server.receivedSoFar());
                badFirstInBatch(client, OutboundMessage.of(address, List.of("b@y.test"), bytes(MSG)));
                badFirstInBatch(client, OutboundMessage.of("a@x.test", List.of("ok@y.test", address), bytes(MSG)));
            }
            assertEquals("EHLO me.test\r\n" + GOOD_MESSAGE + "RSET\r\n" + GOOD_MESSAGE + "RSET\r\nQUIT\r\n",
                    server.transcript(), () -> Escapes.escape(server.transcript()));
        }
    }

    /** The bad message fails on its own, with nothing sent for it; the good one after it goes through. */
    private static void badFirstInBatch(SmtpClient client, OutboundMessage bad) throws Exception {
        List<BatchResult> results = client.sendBatch(List.of(bad,
                OutboundMessage.of("a@x.test", List.of("b@y.test"), bytes(MSG))));
        assertFalse(results.get(0).sent());
        assertFalse(results.get(0).outcomeUnknown());
        assertInstanceOf(IllegalArgumentException.class, results.get(0).failure().getCause());
        assertTrue(results.get(0).recipients().isEmpty());
        assertTrue(results.get(1).sent(), () -> "good message failed: " + results.get(1).failure());
    }

    @Test
    void withSmtputf8ACharacterACharsetCouldTruncateToCrOrLfGoesOutAsUtf8() throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING", "SMTPUTF8", "DSN").on("MAIL", "250 ok").on("RCPT", "250 ok")
                .on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server)) {
                client.sendmail("\u760A\u760D@x.test", List.of("b@y.test"), MSG, List.of("SMTPUTF8", "ENVID=\u760A"),
                        List.of());
            }
            String expected = "EHLO me.test\r\nMAIL FROM:<\u760A\u760D@x.test> SMTPUTF8 ENVID=\u760A\r\n";
            assertEquals(new String(expected.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                    server.transcript().substring(0, expected.getBytes(StandardCharsets.UTF_8).length));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
