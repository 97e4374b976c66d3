package org.xsmtp.peers;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling: waits for a condition in short steps, then fails with a diagnosis. */
public final class Poll {

    /** How long peers wait for readiness and captured mail unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final long STEP_MILLIS = 20;

    private Poll() {
    }

    /**
     * Returns once {@code condition} holds; throws {@link AssertionError} with
     * {@code what} and {@code diagnosis} if it still does not after {@code timeout}.
     */
    public static void until(Duration timeout, String what, BooleanSupplier condition,
                             Supplier<String> diagnosis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for "
                        + what + "; " + diagnosis.get());
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(STEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
