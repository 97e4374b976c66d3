package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

class HelloTest {
    private static final SmtpOptions ME = SmtpOptions.builder().localHostname("me.test").build();

    @Test
    void defaultNameIsTheFullyQualifiedHostNameOrAnAddressLiteral() throws Exception {
        InetAddress local = InetAddress.getLocalHost();
        String fqdn = local.getCanonicalHostName();
        String expected = fqdn.contains(".") && !fqdn.equals(local.getHostAddress()) ? fqdn
                : "[" + local.getHostAddress() + "]";
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port());
            client.ehlo();
            client.helo();
            client.abort();
            assertEquals("EHLO " + expected + "\r\nHELO " + expected + "\r\n", server.transcript());
        }
    }

    @Test
    void ehloFeaturesAreParsedOnceWithLowerCaseKeysAndMergedAuth() throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING", "SIZE 35882577", "AUTH=LOGIN", "AUTH PLAIN CRAM-MD5",
                "8BITMIME", "X-Odd-Thing  spaced   params ", "ENHANCEDSTATUSCODES");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            assertNull(client.ehloResp());
            assertFalse(client.doesEsmtp());
            Reply reply = client.ehlo();
            assertEquals(250, reply.code());
            assertTrue(client.doesEsmtp());
            assertEquals("fake.test\nPIPELINING\nSIZE 35882577\nAUTH=LOGIN\nAUTH PLAIN CRAM-MD5\n8BITMIME\n"
                    + "X-Odd-Thing  spaced   params\nENHANCEDSTATUSCODES", client.ehloResp());
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("pipelining", "");
            expected.put("size", "35882577");
            expected.put("auth", " LOGIN PLAIN CRAM-MD5");
            expected.put("8bitmime", "");
            expected.put("x-odd-thing", "spaced   params");
            expected.put("enhancedstatuscodes", "");
            assertEquals(expected, client.esmtpFeatures());
            assertTrue(client.hasExtn("PiPeLiNiNg"));
            assertFalse(client.hasExtn("chunking"));
            client.abort();
        }
    }

    @Test
    void ehloOrHeloIfNeededFallsBackToHelo() throws Exception {
        Dialog dialog = Dialog.greeting("220 old").on("EHLO", "502 5.5.1 what?").on("HELO", "250 old.test");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            client.ehloOrHeloIfNeeded();
            client.ehloOrHeloIfNeeded();
            assertFalse(client.doesEsmtp());
            assertEquals("old.test", client.heloResp());
            assertEquals("5.5.1 what?", client.ehloResp());
            client.abort();
            assertEquals("EHLO me.test\r\nHELO me.test\r\n", server.transcript());
        }
    }

    @Test
    void ehloOrHeloIfNeededThrowsHeloErrorWhenBothAreRefused() throws Exception {
        Dialog dialog = Dialog.greeting("220 picky").on("EHLO", "500 no").on("HELO", "501 5.5.4 bad name");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            SmtpHeloException e = assertThrows(SmtpHeloException.class, client::ehloOrHeloIfNeeded);
            assertEquals(501, e.code());
            assertEquals("5.5.4 bad name", e.error());
            client.abort();
            assertEquals("EHLO me.test\r\nHELO me.test\r\n", server.transcript());
        }
    }

    @Test
    void ehloIsNotRepeatedOnceAnswered() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            client.ehlo("custom.name");
            client.ehloOrHeloIfNeeded();
            client.abort();
            assertEquals("EHLO custom.name\r\n", server.transcript());
        }
    }

    @Test
    void ehloAnsweredWithNothingMeansDisconnected() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 hi").read().raw("xyz not a code\r\n").readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            Reply odd = client.ehlo();
            assertEquals(new Reply(-1, "not a code"), odd);
            assertFalse(client.doesEsmtp());
            client.abort();
        }
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 hi").read().raw("\r\n").readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            SmtpServerDisconnectedException e = assertThrows(SmtpServerDisconnectedException.class, client::ehlo);
            assertEquals("Server not connected", e.getMessage());
            assertFalse(client.isConnected());
        }
    }
}
