package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** smtplib's login/auth on the exact bytes, plus the safety rails. */
class AuthTest {
    private static final String RFC2195_CHALLENGE = "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+";
    private static final String RFC2195_RESPONSE = "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw";
    private static final String TIM_PLAIN = "AHRpbQB0YW5zdGFhZnRhbnN0YWFm";
    private static final SmtpOptions ME = SmtpOptions.builder().localHostname("me.test").build();

    private static SmtpClient connect(ScriptedServer server, SmtpOptions options) throws Exception {
        return new SmtpClient("127.0.0.1", server.port(), options);
    }

    @Test
    void cramMd5IsPreferredAndMatchesRfc2195() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH LOGIN PLAIN CRAM-MD5").on("AUTH CRAM-MD5", "334 " + RFC2195_CHALLENGE)
                .on(RFC2195_RESPONSE, "235 2.7.0 Authentication successful");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                assertEquals(new Reply(235, "2.7.0 Authentication successful"),
                        client.login("tim", "tanstaaftanstaaf"));
            }
            assertEquals("EHLO me.test\r\nAUTH CRAM-MD5\r\n" + RFC2195_RESPONSE + "\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void nextMechanismIsTriedAfterAnAuthenticationFailure() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH LOGIN PLAIN CRAM-MD5").on("AUTH CRAM-MD5", "334 " + RFC2195_CHALLENGE)
                .on(RFC2195_RESPONSE, "535 5.7.8 nope").on("AUTH PLAIN", "235 2.7.0 ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                assertEquals(235, client.login("tim", "tanstaaftanstaaf").code());
            }
            assertEquals("EHLO me.test\r\nAUTH CRAM-MD5\r\n" + RFC2195_RESPONSE + "\r\nAUTH PLAIN " + TIM_PLAIN
                    + "\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void theLastAuthenticationFailureIsRaisedWhenAllFail() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH PLAIN LOGIN").on("AUTH PLAIN", "535 5.7.8 bad plain")
                .on("AUTH LOGIN", "334 UGFzc3dvcmQ6").on("dGFuc3RhYWZ0YW5zdGFhZg==", "535 5.7.8 bad login");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.login("tim", "tanstaaftanstaaf"));
                assertEquals(535, e.code());
                assertEquals("5.7.8 bad login", e.error());
            }
            assertEquals("EHLO me.test\r\nAUTH PLAIN " + TIM_PLAIN + "\r\nAUTH LOGIN dGlt\r\n"
                    + "dGFuc3RhYWZ0YW5zdGFhZg==\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void withoutInitialResponsesEveryMechanismWaitsForAChallenge() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH LOGIN").on("AUTH LOGIN", "334 VXNlcm5hbWU6")
                .on("dGlt", "334 UGFzc3dvcmQ6").on("dGFuc3RhYWZ0YW5zdGFhZg==", "235 ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                assertEquals(235, client.login("tim", "tanstaaftanstaaf", false).code());
            }
            assertEquals("EHLO me.test\r\nAUTH LOGIN\r\ndGlt\r\ndGFuc3RhYWZ0YW5zdGFhZg==\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void noAuthExtensionOrNoCommonMechanism() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("SIZE 10"))) {
            SmtpClient client = connect(server, ME);
            SmtpNotSupportedException e = assertThrows(SmtpNotSupportedException.class, () -> client.login("a", "b"));
            assertEquals("SMTP AUTH extension not supported by server.", e.getMessage());
            client.abort();
        }
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH GSSAPI NTLM"))) {
            SmtpClient client = connect(server, ME);
            SmtpException e = assertThrows(SmtpException.class, () -> client.login("a", "b"));
            assertEquals("No suitable authentication method found.", e.getMessage());
            client.abort();
            assertEquals("EHLO me.test\r\n", server.transcript());
        }
    }

    @Test
    void authObjectsWorkAsInSmtplib() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH LOGIN PLAIN CRAM-MD5").on("AUTH PLAIN " + TIM_PLAIN, "235 plain ok")
                .on("AUTH LOGIN dGlt", "334 UGFzc3dvcmQ6").on("dGFuc3RhYWZ0YW5zdGFhZg==", "235 login ok")
                .on("AUTH CRAM-MD5", "334 " + RFC2195_CHALLENGE).on(RFC2195_RESPONSE, "235 cram ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                client.ehlo();
                client.setCredentials("tim", "tanstaaftanstaaf");
                assertEquals("plain ok", client.auth("plain", client::authPlain, true).message());
                assertEquals("login ok", client.auth("LOGIN", client::authLogin, true).message());
                assertEquals("cram ok", client.auth("CRAM-MD5", client::authCramMd5, true).message());
            }
        }
    }

    @Test
    void utf8CredentialsAreSentAsUtf8() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH PLAIN").on("AUTH PLAIN AGrDtnJnAHDDpHNzd8O2cmQ=", "235 ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                assertEquals(235, client.login("jörg", "pässwörd").code());
            }
        }
    }

    @Test
    void endlessChallengesAreCutOffAndCancelled() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH CRAM-MD5").on("AUTH CRAM-MD5", "334 " + RFC2195_CHALLENGE)
                .on(RFC2195_RESPONSE, "334 " + RFC2195_CHALLENGE).on("*", "501 5.7.0 cancelled");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                AtomicInteger calls = new AtomicInteger();
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.auth("CRAM-MD5", challenge -> {
                            if (challenge != null) {
                                calls.incrementAndGet();
                                return "tim b913a602c7eda7a495b4e6e7334d3890";
                            }
                            return null;
                        }, true));
                assertEquals(501, e.code());
                assertTrue(e.getMessage().contains("more than 5 challenges"), e.getMessage());
                assertEquals(5, calls.get());
            }
            String transcript = server.transcript();
            assertEquals(5, transcript.split(RFC2195_RESPONSE, -1).length - 1, transcript);
            assertTrue(transcript.endsWith(RFC2195_RESPONSE + "\r\n*\r\nQUIT\r\n"), transcript);
        }
    }

    @Test
    void anEmptyCramMd5ChallengeIsCancelledAndLoginGoesOnToPlain() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH CRAM-MD5 PLAIN").on("AUTH CRAM-MD5", "334 ")
                .on("*", "501 5.7.0 authentication cancelled").on("AUTH PLAIN " + TIM_PLAIN, "235 2.7.0 ok");
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        SmtpOptions options = ME.toBuilder().debugLevel(1)
                .debugOut(new PrintStream(trace, true, StandardCharsets.UTF_8)).build();
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, options)) {
                assertEquals(new Reply(235, "2.7.0 ok"), client.login("tim", "tanstaaftanstaaf"));
            }
            assertEquals("EHLO me.test\r\nAUTH CRAM-MD5\r\n*\r\nAUTH PLAIN " + TIM_PLAIN + "\r\nQUIT\r\n",
                    server.transcript());
        }
        String text = trace.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("send: '*\\r\\n'"), text);
        assertTrue(text.contains("send: 'AUTH PLAIN ****\\r\\n'"), text);
        assertFalse(text.contains(TIM_PLAIN), text);
    }

    @Test
    void anEmptyCramMd5ChallengeIsCancelledByTheSmtplibStyleAuthObjectToo() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH CRAM-MD5").on("AUTH CRAM-MD5", "334 ")
                .on("*", "501 5.7.0 authentication cancelled");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                client.ehlo();
                client.setCredentials("tim", "tanstaaftanstaaf");
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.auth("CRAM-MD5", client::authCramMd5, true));
                assertEquals(501, e.code());
                assertEquals(250, client.noop().code());
            }
            assertEquals("EHLO me.test\r\nAUTH CRAM-MD5\r\n*\r\nNOOP\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void anAuthObjectReturningNullCancelsTheExchangeAndKeepsTheConnection() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH LOGIN").on("AUTH LOGIN", "334 VXNlcm5hbWU6")
                .on("*", "501 5.7.0 authentication cancelled");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                client.ehlo();
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.auth("LOGIN", challenge -> null, true));
                assertEquals(501, e.code());
                assertTrue(e.getMessage().contains("gave no response"), e.getMessage());
                assertTrue(e.getCause() instanceof javax.security.sasl.SaslException, String.valueOf(e.getCause()));
                assertTrue(client.isConnected());
                assertEquals(250, client.noop().code());
            }
            assertEquals("EHLO me.test\r\nAUTH LOGIN\r\n*\r\nNOOP\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void aNulInPlainCredentialsIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH PLAIN"))) {
            try (SmtpClient client = connect(server, ME)) {
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.login("tim", "tanstaaf\0tanstaaf"));
                assertEquals(-1, e.code());
                assertTrue(e.getMessage().contains("NUL") && e.getMessage().contains("nothing was sent"),
                        e.getMessage());
                assertTrue(e.getCause() instanceof javax.security.sasl.SaslException, String.valueOf(e.getCause()));
                assertTrue(client.isConnected());
                assertEquals(250, client.noop().code());
            }
            assertEquals("EHLO me.test\r\nNOOP\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void alreadyAuthenticatedIsAcceptedAsSmtplibDoes() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH PLAIN").on("AUTH PLAIN", "503 5.5.1 already authenticated");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                assertEquals(503, client.login("tim", "tanstaaftanstaaf").code());
            }
        }
    }

    @Test
    void anEmptyInitialResponseIsSentAsAnEqualsSign() throws Exception {
        // RFC 4954 §4: initial-response = base64 / "=" (smtplib sends "AUTH EXTERNAL " with a trailing space)
        Dialog dialog = Dialog.esmtp("AUTH EXTERNAL").on("AUTH EXTERNAL", "235 2.7.0 ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME)) {
                assertEquals(235, client.auth("EXTERNAL", challenge -> "", true).code());
            }
            assertEquals("AUTH EXTERNAL =\r\nQUIT\r\n", server.transcript()); // auth() sends no EHLO, as smtplib
        }
    }

    @Test
    void passwordsAreNotSentInTheClearToOtherHostsUnlessAllowed() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH PLAIN LOGIN").on("AUTH PLAIN", "235 ok");
        SmtpOptions remote = ME.toBuilder().localPeer(c -> false).build();
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = connect(server, remote);
            SmtpSecurityException e = assertThrows(SmtpSecurityException.class, () -> client.login("tim", "pw"));
            assertTrue(e.getMessage().contains("allowInsecureAuth(true)"), e.getMessage());
            assertTrue(e.getMessage().contains("mail.<protocol>.auth.allowinsecure"), e.getMessage());
            assertThrows(SmtpSecurityException.class, () -> client.auth("PLAIN", c -> "\0tim\0pw", true));
            client.abort();
            assertEquals("EHLO me.test\r\n", server.transcript());
        }
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, remote.toBuilder().allowInsecureAuth(true).build())) {
                assertEquals(235, client.login("tim", "pw").code());
            }
            assertTrue(server.transcript().contains("AUTH PLAIN "));
        }
    }

    @Test
    void challengeResponseMechanismsAreAllowedInTheClear() throws Exception {
        Dialog dialog = Dialog.esmtp("AUTH CRAM-MD5 PLAIN").on("AUTH CRAM-MD5", "334 " + RFC2195_CHALLENGE)
                .on(RFC2195_RESPONSE, "235 ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, ME.toBuilder().localPeer(c -> false).build())) {
                assertEquals(235, client.login("tim", "tanstaaftanstaaf").code());
            }
        }
    }

    @Test
    void theTraceNeverShowsCredentials() throws Exception {
        String password = "tanstaaftanstaaf";
        Dialog dialog = Dialog.esmtp("AUTH LOGIN").on("AUTH LOGIN", "334 VXNlcm5hbWU6")
                .on("dGlt", "334 UGFzc3dvcmQ6").on("dGFuc3RhYWZ0YW5zdGFhZg==", "235 2.7.0 ok");
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        SmtpOptions options = ME.toBuilder().debugLevel(2)
                .debugOut(new PrintStream(trace, true, StandardCharsets.UTF_8)).build();
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = connect(server, options)) {
                client.login("tim", password, false);
                client.docmd("AUTH", "PLAIN " + TIM_PLAIN);
            }
        }
        String text = trace.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("send: 'AUTH LOGIN\\r\\n'"), text);
        assertTrue(text.contains("send: '****\\r\\n'"), text);
        assertTrue(text.contains("send: 'AUTH PLAIN ****\\r\\n'"), text);
        for (String secret : List.of(password, Base64.getEncoder().encodeToString(password.getBytes()), "dGlt",
                TIM_PLAIN, "VXNlcm5hbWU6", "UGFzc3dvcmQ6")) {
            assertFalse(text.contains(secret), "trace shows " + secret + ":\n" + text);
        }
        assertTrue(text.lines().allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d.*")), text);
    }

    @Test
    void oauth2UsesOauthbearerWhenAdvertisedAndAsksForAFreshTokenEachTime() throws Exception {
        AtomicInteger tokens = new AtomicInteger();
        String first = Base64.getEncoder().encodeToString("n,a=me@x.test,\u0001auth=Bearer token-1\u0001\u0001"
                .getBytes(StandardCharsets.UTF_8));
        String xoauth = Base64.getEncoder().encodeToString("user=me@x.test\u0001auth=Bearer token-1\u0001\u0001"
                .getBytes(StandardCharsets.UTF_8));
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH OAUTHBEARER XOAUTH2")
                .on("AUTH OAUTHBEARER " + first, "235 ok"))) {
            try (SmtpClient client = connect(server, ME)) {
                client.loginOAuth2("me@x.test", () -> "token-" + tokens.incrementAndGet());
            }
        }
        tokens.set(0);
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH XOAUTH2")
                .on("AUTH XOAUTH2 " + xoauth, "235 ok"))) {
            try (SmtpClient client = connect(server, ME)) {
                client.loginOAuth2("me@x.test", () -> "token-" + tokens.incrementAndGet());
            }
            assertEquals(1, tokens.get());
        }
    }
}
