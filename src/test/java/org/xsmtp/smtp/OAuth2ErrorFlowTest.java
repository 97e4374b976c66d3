package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xsmtp.testkit.ScriptedServer;

/**
 * A refused OAuth token: the server sends a 334 carrying a base64 JSON error, the client answers so that the
 * server can finish (OAUTHBEARER: a single 0x01 byte, RFC 7628 section 3.2.3; XOAUTH2: an empty line), and the
 * final 5xx becomes SmtpAuthenticationException.
 */
@Timeout(30)
class OAuth2ErrorFlowTest {
    private static final SmtpOptions ME = SmtpOptions.builder().localHostname("me.test").build();
    /** RFC 7628 section 4.3's error, base64. */
    private static final String BEARER_ERROR = b64("{\"status\":\"invalid_token\",\"scope\":\"example_scope\","
            + "\"openid-configuration\":\"https://example.com/.well-known/openid-configuration\"}");
    private static final String GOOGLE_ERROR = b64("{\"status\":\"401\",\"schemes\":\"bearer\","
            + "\"scope\":\"https://mail.google.com/\"}");

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String oauthbearer(String token) {
        return b64("n,a=me@x.test,\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    private static String xoauth2(String token) {
        return b64("user=me@x.test\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    private static Supplier<String> tokens(AtomicInteger count) {
        return () -> "token-" + count.incrementAndGet();
    }

    @Test
    void oauthbearerAcknowledgesTheErrorWithA0x01Byte() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 fake.test").read()
                .reply("250-fake.test", "250 AUTH OAUTHBEARER").read().reply("334 " + BEARER_ERROR)
                .read().reply("535 5.7.8 Authentication credentials invalid").read().reply("221 bye"))) {
            AtomicInteger count = new AtomicInteger();
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.loginOAuth2("me@x.test", tokens(count)));
                assertEquals(535, e.code());
                assertEquals("5.7.8 Authentication credentials invalid", e.error());
            }
            assertEquals(1, count.get());
            assertEquals("EHLO me.test\r\nAUTH OAUTHBEARER " + oauthbearer("token-1") + "\r\nAQ==\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void xoauth2AcknowledgesTheErrorWithAnEmptyResponse() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 fake.test").read()
                .reply("250-fake.test", "250 AUTH XOAUTH2").read().reply("334 " + GOOGLE_ERROR).read()
                .reply("535-5.7.8 Username and Password not accepted.", "535 5.7.8 Learn more").read()
                .reply("221 bye"))) {
            AtomicInteger count = new AtomicInteger();
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.loginOAuth2("me@x.test", tokens(count)));
                assertEquals(535, e.code());
                assertEquals("5.7.8 Username and Password not accepted.\n5.7.8 Learn more", e.error());
            }
            assertEquals("EHLO me.test\r\nAUTH XOAUTH2 " + xoauth2("token-1") + "\r\n\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void afterOauthbearerFailsXoauth2IsTriedWithAFreshToken() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 fake.test").read()
                .reply("250-fake.test", "250 AUTH XOAUTH2 OAUTHBEARER").read().reply("334 " + BEARER_ERROR)
                .read().reply("535 5.7.8 bearer refused").read().reply("334 " + GOOGLE_ERROR).read()
                .reply("535 5.7.8 xoauth2 refused").read().reply("221 bye"))) {
            AtomicInteger count = new AtomicInteger();
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.loginOAuth2("me@x.test", tokens(count)));
                assertEquals("5.7.8 xoauth2 refused", e.error());
            }
            assertEquals(2, count.get());
            assertEquals("EHLO me.test\r\nAUTH OAUTHBEARER " + oauthbearer("token-1") + "\r\nAQ==\r\n"
                    + "AUTH XOAUTH2 " + xoauth2("token-2") + "\r\n\r\nQUIT\r\n", server.transcript());
        }
    }
}
