package org.xsmtp.smtp.auth;

import java.util.Objects;
import javax.security.sasl.SaslException;

/**
 * Common driver for mechanisms that send a fixed sequence of responses: it counts the responses sent,
 * so that {@code start()}-then-{@code next()} and {@code next()}-only exchanges behave alike, and it
 * rejects challenges that arrive after the last response or after a step failed.
 */
abstract class StepwiseSaslMechanism implements SaslMechanism {

    private boolean started;
    private boolean failed;
    private int responsesSent;

    /**
     * Returns how many responses the mechanism sends in a whole exchange, the initial one included.
     *
     * @return the number of responses
     */
    abstract int responseCount();

    /**
     * Tells whether the first response can be sent without waiting for a challenge.
     *
     * @return {@code true} if {@link #start()} returns the first response
     */
    abstract boolean hasInitialResponse();

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
        return hasInitialResponse() ? respondNext(null) : null;
    }

    @Override
    public final byte[] next(byte[] challenge) throws SaslException {
        Objects.requireNonNull(challenge, "challenge");
        if (responsesSent >= responseCount()) {
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
