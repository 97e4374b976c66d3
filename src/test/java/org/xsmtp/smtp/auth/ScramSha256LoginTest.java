package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.smtp.auth.ScramSha256MechanismTest.CLIENT_FINAL;
import static org.xsmtp.smtp.auth.ScramSha256MechanismTest.SERVER_FINAL;
import static org.xsmtp.smtp.auth.ScramSha256MechanismTest.SERVER_FIRST;
import static org.xsmtp.smtp.auth.ScramSha256MechanismTest.rfcExample;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpAuthenticationException;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpOptions;
import org.xsmtp.testkit.Script;
import org.xsmtp.testkit.ScriptedServer;

/**
 * SCRAM-SHA-256 through the SMTP engine (RFC 4954 framing of RFC 7677): the exact base64 lines, the server's
 * signature checked before a 235 is believed, and a forged signature ending the session.
 */
@Timeout(30)
class ScramSha256LoginTest {
    private static final SmtpOptions ME = SmtpOptions.builder().localHostname("me.test").build();
    private static final String CLIENT_FIRST_B64 = "biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=";

    private static String b64(byte[] raw) {
        return Base64.getEncoder().encodeToString(raw);
    }

    private static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Script upToServerFinal(Script s) {
        return s.reply("220 fake.test").read().reply("250-fake.test", "250 AUTH SCRAM-SHA-256").read()
                .reply("334 " + b64(SERVER_FIRST)).read();
    }

    private static String upToClientFinal() {
        return "EHLO me.test\r\nAUTH SCRAM-SHA-256 " + CLIENT_FIRST_B64 + "\r\n" + b64(CLIENT_FINAL) + "\r\n";
    }

    @Test
    void runsTheRfc7677ExampleOnTheWire() throws Exception {
        assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
                new String(Base64.getDecoder().decode(CLIENT_FIRST_B64), StandardCharsets.UTF_8));
        try (ScriptedServer server = ScriptedServer.start(s -> upToServerFinal(s).reply("334 " + b64(SERVER_FINAL))
                .read().reply("235 2.7.0 Authentication successful").read().reply("221 bye"))) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                assertEquals(new Reply(235, "2.7.0 Authentication successful"), client.auth(rfcExample(), true));
            }
            assertEquals(upToClientFinal() + "\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void aForgedServerSignatureFailsTheLoginAndClosesTheConnection() throws Exception {
        String forged = "v=" + b64(new byte[32]);
        try (ScriptedServer server = ScriptedServer.start(s -> upToServerFinal(s).reply("334 " + b64(forged))
                .readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                    () -> client.auth(rfcExample(), true));
            assertTrue(e.getMessage().contains("server signature is wrong"), e.getMessage());
            assertFalse(client.isConnected());
            assertEquals(upToClientFinal(), server.transcript());
        }
    }

    @Test
    void aBadServerFirstMessageIsCancelledAndTheConnectionKept() throws Exception {
        String foreign = "r=someoneElse%hvYD,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 fake.test").read()
                .reply("250-fake.test", "250 AUTH SCRAM-SHA-256").read().reply("334 " + b64(foreign)).read()
                .reply("501 5.7.0 authentication cancelled").read().reply("250 2.0.0 ok").read().reply("221 bye"))) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.auth(rfcExample(), true));
                assertEquals(501, e.code());
                assertTrue(e.getMessage().contains("nonce"), e.getMessage());
                assertEquals(250, client.noop().code());
            }
            assertEquals("EHLO me.test\r\nAUTH SCRAM-SHA-256 " + CLIENT_FIRST_B64 + "\r\n*\r\nNOOP\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void a235WithoutTheServerSignatureIsNotBelieved() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> upToServerFinal(s)
                .reply("235 2.7.0 Authentication successful").readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                    () -> client.auth(rfcExample(), true));
            assertTrue(e.getMessage().contains("without a verified server signature"), e.getMessage());
            assertFalse(client.isConnected());
            assertEquals(upToClientFinal(), server.transcript());
        }
    }

    @Test
    void a503InsteadOfTheServerSignatureIsNotBelievedEither() throws Exception {
        // smtplib takes 503 ("already authenticated") for success; a server that skips its proof that way is
        // as unauthenticated as one answering 235 without it
        try (ScriptedServer server = ScriptedServer.start(s -> upToServerFinal(s)
                .reply("503 5.5.1 already authenticated").readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                    () -> client.auth(rfcExample(), true));
            assertTrue(e.getMessage().contains("without a verified server signature"), e.getMessage());
            assertFalse(client.isConnected());
            assertEquals(upToClientFinal(), server.transcript());
        }
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 fake.test").read()
                .reply("250-fake.test", "250 AUTH SCRAM-SHA-256").read().reply("503 5.5.1 already authenticated")
                .readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            assertThrows(SmtpAuthenticationException.class, () -> client.auth(rfcExample(), true));
            assertFalse(client.isConnected());
        }
    }

    @Test
    void loginWithStrongestFirstPicksScramWhenAdvertised() throws Exception {
        ScramServer scram = new ScramServer("user", "pencil");
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 fake.test").read()
                .reply("250-fake.test", "250 AUTH LOGIN PLAIN CRAM-MD5 SCRAM-SHA-256")
                .respond(scram::clientFirst).respond(scram::clientFinal).read().reply("235 2.7.0 ok")
                .read().reply("221 bye"))) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(),
                    ME.toBuilder().authMechanisms(SaslMechanisms.STRONGEST_FIRST).build())) {
                assertEquals(235, client.login("user", "pencil").code());
            }
            assertTrue(scram.proofVerified.get(), "the server checked the client proof");
            String[] lines = server.transcript().split("\r\n", -1);
            assertTrue(lines[1].startsWith("AUTH SCRAM-SHA-256 "), lines[1]);
            assertEquals("", lines[3], "the empty response after the server signature");
            assertEquals("QUIT", lines[4]);
        }
    }

    @Test
    void aForgedSignatureDuringLoginEndsTheLoginWithoutTryingWeakerMechanisms() throws Exception {
        ScramServer impostor = new ScramServer("user", "pencil", true);
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 fake.test").read()
                .reply("250-fake.test", "250 AUTH PLAIN SCRAM-SHA-256")
                .respond(impostor::clientFirst).respond(impostor::clientFinal).readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(),
                    ME.toBuilder().authMechanisms(SaslMechanisms.STRONGEST_FIRST).build());
            SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                    () -> client.login("user", "pencil"));
            assertTrue(e.getMessage().contains("server signature is wrong"), e.getMessage());
            assertFalse(client.isConnected());
            // EHLO, AUTH SCRAM-SHA-256 with the client-first message, the client-final message, and nothing more:
            // neither the empty response a genuine server signature earns, nor AUTH PLAIN with the password.
            List<String> lines = server.transcript().lines().toList();
            assertEquals(3, lines.size(), server.transcript());
            assertTrue(lines.get(1).startsWith("AUTH SCRAM-SHA-256 "), lines.get(1));
        }
    }

    /** A SCRAM-SHA-256 server side written with the JDK's primitives only, independent of the client code. */
    private static final class ScramServer {
        private final String user;
        private final String password;
        private final boolean forgeSignature;
        private final byte[] salt = "xsmtp-test-salt!".getBytes(StandardCharsets.US_ASCII);
        private String clientFirstBare;
        private String serverFirst;
        private final AtomicBoolean proofVerified = new AtomicBoolean();

        ScramServer(String user, String password) {
            this(user, password, false);
        }

        /** @param forgeSignature whether to send a wrong server signature (a server not knowing the password) */
        ScramServer(String user, String password, boolean forgeSignature) {
            this.user = user;
            this.password = password;
            this.forgeSignature = forgeSignature;
        }

        String clientFirst(String line) {
            String prefix = "AUTH SCRAM-SHA-256 ";
            if (!line.startsWith(prefix)) {
                return "504 5.5.4 expected " + prefix + "\r\n";
            }
            String message = decode(line.substring(prefix.length()));
            if (!message.startsWith("n,,")) {
                return "501 5.5.2 bad gs2 header\r\n";
            }
            clientFirstBare = message.substring(3);
            Map<String, String> attrs = attributes(clientFirstBare);
            if (!user.equals(attrs.get("n"))) {
                return "535 5.7.8 unknown user\r\n";
            }
            serverFirst = "r=" + attrs.get("r") + "server-nonce,s=" + b64(salt) + ",i=4096";
            return "334 " + b64(serverFirst) + "\r\n";
        }

        String clientFinal(String line) {
            try {
                String message = decode(line);
                String withoutProof = message.substring(0, message.lastIndexOf(",p="));
                Map<String, String> attrs = attributes(message);
                String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
                byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 4096, 256)).getEncoded();
                byte[] clientKey = hmac(salted, "Client Key");
                byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
                byte[] signature = hmac(storedKey, authMessage);
                byte[] proof = Base64.getDecoder().decode(attrs.get("p"));
                for (int i = 0; i < proof.length; i++) {
                    proof[i] ^= signature[i];
                }
                if (!attrs.get("c").equals("biws") || !attrs.get("r").equals(attributes(serverFirst).get("r"))
                        || !MessageDigest.isEqual(proof, clientKey)) {
                    return "535 5.7.8 bad proof\r\n";
                }
                proofVerified.set(true);
                byte[] serverSignature = hmac(hmac(salted, forgeSignature ? "Forged Key" : "Server Key"), authMessage);
                return "334 " + b64("v=" + b64(serverSignature)) + "\r\n";
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }

        private static String decode(String b64) {
            return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        }

        private static Map<String, String> attributes(String message) {
            return Stream.of(message.split(",")).collect(Collectors.toMap(a -> a.substring(0, 1),
                    a -> a.substring(2), (a, b) -> a));
        }
    }
}
