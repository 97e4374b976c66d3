package org.xsmtp.smtp.auth;

import java.util.Objects;
import javax.security.sasl.SaslException;

/**
 * Common driver for mechanisms that send a fixed sequence of responses: it counts the responses sent,
 * so that {@code start()}-then-{@code next()} and {@code next()}-only exchanges behave alike, and it
 * rejects challenges that arrive after the last response or after a step failed.
 */
abstract class StepwiseSaslMechanism implements SaslMechanism {

    private final String name;
    private final boolean reusableSecret;
    private final int responseCount;
    private final boolean initialResponse;
    private boolean started;
    private boolean failed;
    private int responsesSent;

    /**
     * @param name the mechanism's IANA name
     * @param reusableSecret whether an eavesdropper could replay what it sends
     * @param responseCount how many responses a whole exchange sends, the initial one included
     * @param initialResponse whether the first response can go with AUTH, before any challenge
     */
    StepwiseSaslMechanism(String name, boolean reusableSecret, int responseCount, boolean initialResponse) {
        this.name = name;
        this.reusableSecret = reusableSecret;
        this.responseCount = responseCount;
        this.initialResponse = initialResponse;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean sendsReusableSecret() {
        return reusableSecret;
    }

    /**
     * Builds one response.
     *
     * @param index the response's position in the exchange, from 0
     * @param challenge the decoded challenge, or {@code null} when {@link #start()} asks for response 0
     * @return the raw response
     * @throws SaslException if the response cannot be built
     */
    abstract byte[] respond(int index, byte[] challenge) throws SaslException;

    @Override
    public final byte[] start() throws SaslException {
        if (started || responsesSent > 0) {
            throw new IllegalStateException(name() + ": start() may be called only once, before next()");
        }
        started = true;
        return initialResponse ? respondNext(null) : null;
    }

    @Override
    public final byte[] next(byte[] challenge) throws SaslException {
        Objects.requireNonNull(challenge, "challenge");
        if (responsesSent >= responseCount) {
            throw new SaslException(name() + ": unexpected challenge; the exchange has no further step");
        }
        return respondNext(challenge);
    }

    private byte[] respondNext(byte[] challenge) throws SaslException {
        if (failed) {
            throw new SaslException(name() + ": the exchange already failed");
        }
        // Cleared only when the step succeeds, so nothing runs after a step that threw.
        failed = true;
        byte[] response = respond(responsesSent, challenge);
        responsesSent++;
        failed = false;
        return response;
    }

    /** Nothing to verify by default: only mechanisms with mutual authentication override this. */
    @Override
    public void complete() throws SaslException {
    }

    /** Names the mechanism only; credentials never appear here. */
    @Override
    public String toString() {
        return "SaslMechanism[" + name() + "]";
    }
}
