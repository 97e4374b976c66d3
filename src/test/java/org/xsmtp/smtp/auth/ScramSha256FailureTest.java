package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.smtp.auth.Bytes.EMPTY;
import static org.xsmtp.smtp.auth.Bytes.utf8;
import static org.xsmtp.smtp.auth.ScramSha256MechanismTest.CLIENT_NONCE;
import static org.xsmtp.smtp.auth.ScramSha256MechanismTest.SERVER_FINAL;
import static org.xsmtp.smtp.auth.ScramSha256MechanismTest.SERVER_FIRST;
import static org.xsmtp.smtp.auth.ScramSha256MechanismTest.SERVER_NONCE;
import static org.xsmtp.smtp.auth.ScramSha256MechanismTest.rfcExample;

import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;

/** What a broken or hostile server can send, and what the client must refuse. */
class ScramSha256FailureTest {

    private static final String SALT = ",s=W22ZaJ0SNY7soEsUEjb6gQ==";

    private static String serverFirstFailure(String serverFirst) throws SaslException {
        ScramSha256Mechanism scram = rfcExample();
        scram.start();
        SaslException e = assertThrows(SaslException.class, () -> scram.next(utf8(serverFirst)));
        assertFalse(e instanceof ServerNotAuthenticatedException, "before the server-final message: " + e);
        return e.getMessage();
    }

    private static ScramSha256Mechanism afterClientFinal() throws SaslException {
        ScramSha256Mechanism scram = rfcExample();
        scram.start();
        scram.next(SERVER_FIRST);
        return scram;
    }

    @Test
    void refusesANonceThatDoesNotExtendTheClientNonce() throws SaslException {
        assertTrue(serverFirstFailure("r=someoneElse%hvYD" + SALT + ",i=4096").contains("nonce"));
        assertTrue(serverFirstFailure("r=" + CLIENT_NONCE + SALT + ",i=4096").contains("nonce"));
    }

    @Test
    void refusesANonceWithNonPrintableCharacters() throws SaslException {
        assertTrue(serverFirstFailure("r=" + CLIENT_NONCE + "\u00e9" + SALT + ",i=4096").contains("nonce"));
    }

    @Test
    void refusesMissingAttributes() throws SaslException {
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + ",i=4096").contains("salt (s=)"));
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + SALT).contains("iteration count (i=)"));
        assertTrue(serverFirstFailure("s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096").contains("nonce (r=)"));
        assertTrue(serverFirstFailure("").contains("empty"));
        assertTrue(serverFirstFailure("garbage").contains("malformed"));
    }

    @Test
    void refusesAMandatoryExtension() throws SaslException {
        assertTrue(serverFirstFailure("m=ext,r=" + SERVER_NONCE + SALT + ",i=4096").contains("m="));
    }

    @Test
    void refusesTooFewIterations() throws SaslException {
        String message = serverFirstFailure("r=" + SERVER_NONCE + SALT + ",i=4095");
        assertTrue(message.contains("4095") && message.contains("4096"), message);
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + SALT + ",i=1").contains("iterations"));
    }

    @Test
    void refusesTooManyIterationsWithoutComputingThem() throws SaslException {
        String message = serverFirstFailure("r=" + SERVER_NONCE + SALT + ",i=1000001");
        assertTrue(message.contains("1000001") && message.contains("1000000"), message);
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + SALT + ",i=99999999999999").contains("more than"));
    }

    @Test
    void refusesAnIterationCountThatIsNotANumber() throws SaslException {
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + SALT + ",i=abc").contains("positive number"));
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + SALT + ",i=-4096").contains("positive number"));
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + SALT + ",i=").contains("positive number"));
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + SALT + ",i=04096").contains("positive number"));
    }

    @Test
    void refusesABadSalt() throws SaslException {
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + ",s=not*base64,i=4096").contains("base64"));
        assertTrue(serverFirstFailure("r=" + SERVER_NONCE + ",s=,i=4096").contains("empty"));
    }

    @Test
    void refusesAServerFirstMessageThatIsNotUtf8() throws SaslException {
        ScramSha256Mechanism scram = rfcExample();
        scram.start();
        SaslException e = assertThrows(SaslException.class, () -> scram.next(new byte[] {'r', '=', (byte) 0xC3}));
        assertTrue(e.getMessage().contains("UTF-8"));
    }

    @Test
    void reportsTheServersError() throws SaslException {
        ScramSha256Mechanism scram = afterClientFinal();
        SaslException e = assertThrows(SaslException.class, () -> scram.next(utf8("e=invalid-proof")));
        assertTrue(e.getMessage().contains("invalid-proof"));
        assertFalse(e instanceof ServerNotAuthenticatedException, "a reported error is not a forged server");
        assertThrows(ServerNotAuthenticatedException.class, scram::complete);
    }

    @Test
    void rejectsAWrongServerSignature() throws SaslException {
        ScramSha256Mechanism scram = afterClientFinal();
        byte[] tampered = SERVER_FINAL.clone();
        tampered[5] = (byte) (tampered[5] == 'A' ? 'B' : 'A');
        assertThrows(ServerNotAuthenticatedException.class, () -> scram.next(tampered));
        assertThrows(ServerNotAuthenticatedException.class, scram::complete);
    }

    @Test
    void rejectsAServerSignatureThatIsNotBase64OrMissing() throws SaslException {
        ScramSha256Mechanism scram = afterClientFinal();
        assertTrue(assertThrows(ServerNotAuthenticatedException.class, () -> scram.next(utf8("v=***")))
                .getMessage().contains("base64"));
        assertThrows(ServerNotAuthenticatedException.class, () -> afterClientFinal().next(utf8("x=1")));
        assertThrows(ServerNotAuthenticatedException.class, () -> afterClientFinal().next(EMPTY));
    }

    @Test
    void completeFailsBeforeTheServerSignatureWasVerified() throws SaslException {
        ScramSha256Mechanism scram = rfcExample();
        assertThrows(ServerNotAuthenticatedException.class, scram::complete);
        scram.start();
        assertThrows(ServerNotAuthenticatedException.class, scram::complete);
        scram.next(SERVER_FIRST);
        assertThrows(ServerNotAuthenticatedException.class, scram::complete);
    }

    @Test
    void staysFailedAfterAFailedStep() throws SaslException {
        ScramSha256Mechanism scram = rfcExample();
        scram.start();
        assertThrows(SaslException.class, () -> scram.next(utf8("r=wrong" + SALT + ",i=4096")));
        SaslException e = assertThrows(SaslException.class, () -> scram.next(SERVER_FINAL));
        assertTrue(e.getMessage().contains("already failed"), e.getMessage());
    }

    @Test
    void rejectsAChallengeAfterVerification() throws SaslException {
        ScramSha256Mechanism scram = afterClientFinal();
        scram.next(SERVER_FINAL);
        assertThrows(SaslException.class, () -> scram.next(EMPTY));
    }

    @Test
    void refusesAProhibitedPasswordWithoutQuotingIt() throws SaslException {
        ScramSha256Mechanism scram = new ScramSha256Mechanism("user", "pen\u0007cil", CLIENT_NONCE);
        scram.start();
        SaslException e = assertThrows(SaslException.class, () -> scram.next(SERVER_FIRST));
        assertTrue(e.getMessage().contains("password"), e.getMessage());
        assertFalse(e.getMessage().contains("pen"), e.getMessage());
    }

    @Test
    void refusesAProhibitedOrEmptyUsername() {
        assertThrows(SaslException.class, () -> new ScramSha256Mechanism("us\u0000er", "p", CLIENT_NONCE).start());
        assertThrows(SaslException.class, () -> new ScramSha256Mechanism("\u00ad", "p", CLIENT_NONCE).start());
    }
}
