package org.xsmtp.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.security.sasl.SaslException;

/**
 * The SCRAM-SHA-256 mechanism (RFC 5802, RFC 7677) without channel binding.
 *
 * <p>Three responses: the client-first message ({@code n,,n=USER,r=CLIENT_NONCE}); the client-final
 * message with the proof, once the server's nonce, salt and iteration count have been checked; and an
 * empty response after the server's signature has been verified. {@link #complete()} fails unless that
 * signature was verified, so a server that does not know the password cannot pass for the real one. A
 * server-final message without a verifiable signature (wrong, not base64, missing, or malformed; but not a
 * reported {@code e=} error) and a success without one throw {@link ServerNotAuthenticatedException}.
 *
 * <p>User name and password are prepared with SASLprep (RFC 4013). Iteration counts below 4096 or above
 * 1,000,000 (about a second of work) are refused, so that a hostile server can neither weaken the exchange
 * nor stall the client for long.
 */
public final class ScramSha256Mechanism extends StepwiseSaslMechanism {

    /** The mechanism's IANA name. */
    public static final String NAME = "SCRAM-SHA-256";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 24;
    /** Base64 of the GS2 header {@code "n,,"}: no channel binding, no authorization identity. */
    private static final String CHANNEL_BINDING = "biws";

    private final String user;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;
    private boolean serverVerified;

    /**
     * Creates a SCRAM-SHA-256 exchange with a fresh random client nonce.
     *
     * @param user the username
     * @param password the password
     */
    public ScramSha256Mechanism(String user, String password) {
        this(user, password, randomNonce());
    }

    /**
     * Creates an exchange with a fixed client nonce; for tests only.
     *
     * @param user the username
     * @param password the password
     * @param clientNonce the client nonce: printable ASCII without {@code ','}
     */
    ScramSha256Mechanism(String user, String password, String clientNonce) {
        super(NAME, false, 3, true);
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        if (clientNonce.isEmpty() || !isPrintable(clientNonce)) {
            throw new IllegalArgumentException("nonce must be printable ASCII without ','");
        }
        this.clientNonce = clientNonce;
    }

    /**
     * Succeeds only if the server's signature was received and verified.
     *
     * @throws ServerNotAuthenticatedException if the server never proved that it knows the password
     */
    @Override
    public void complete() throws SaslException {
        if (!serverVerified) {
            throw new ServerNotAuthenticatedException(ScramSha256Mechanism.NAME
                    + ": the server accepted the login without a verified server signature");
        }
    }

    @Override
    byte[] respond(int index, byte[] challenge) throws SaslException {
        switch (index) {
            case 0:
                return clientFirst();
            case 1:
                return clientFinal(ScramServerFirst.parse(challenge, clientNonce));
            default:
                verifyServer(ScramServerFinal.signature(challenge));
                return new byte[0];
        }
    }

    private byte[] clientFirst() throws SaslException {
        String preparedUser = SaslPrep.prepare(user, "username", NAME);
        if (preparedUser.isEmpty()) {
            throw ScramAttributes.failure("the username is empty");
        }
        clientFirstBare = "n=" + SaslNames.escape(preparedUser) + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] clientFinal(ScramServerFirst serverFirst) throws SaslException {
        String withoutProof = "c=" + CHANNEL_BINDING + ",r=" + serverFirst.nonce();
        String authMessage = clientFirstBare + "," + serverFirst.text() + "," + withoutProof;
        byte[] secret = SaslPrep.prepare(password, "password", NAME).getBytes(StandardCharsets.UTF_8);
        ScramProof proof;
        try {
            proof = ScramProof.compute(secret, serverFirst.salt(), serverFirst.iterations(),
                    authMessage.getBytes(StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        expectedServerSignature = proof.serverSignature();
        String encodedProof = Base64.getEncoder().encodeToString(proof.clientProof());
        return (withoutProof + ",p=" + encodedProof).getBytes(StandardCharsets.UTF_8);
    }

    private void verifyServer(byte[] signature) throws SaslException {
        if (!MessageDigest.isEqual(expectedServerSignature, signature)) {
            throw new ServerNotAuthenticatedException(ScramSha256Mechanism.NAME
                    + ": the server signature is wrong; the server may not be genuine");
        }
        serverVerified = true;
    }

    /**
     * Tells whether {@code s} uses only SCRAM's printable characters: ASCII 0x21..0x7E except ','.
     *
     * @param s the string
     * @return {@code true} if it does
     */
    static boolean isPrintable(String s) {
        return s.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',');
    }

    private static String randomNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
