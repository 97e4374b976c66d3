package org.xsmtp.net;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A total time limit for one blocking call that has none of its own: when the deadline passes, the resource
 * the call blocks on is closed, which makes the call fail at once. Used for the TLS handshake (whose per-read
 * timeout a peer trickling one byte at a time keeps resetting) and for connecting a Unix socket (which blocks
 * while the server's backlog is full). One shared daemon thread; nothing runs unless a deadline passes.
 */
final class CloseAtDeadline implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private static final int ARMED = 0;
    private static final int DISARMED = 1;
    private static final int EXPIRED = 2;

    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final ScheduledFuture<?> task;

    private CloseAtDeadline(Closeable target, long millis) {
        task = TIMER.schedule(() -> expire(target), Math.max(1, millis), TimeUnit.MILLISECONDS);
    }

    /**
     * @param target what to close when the deadline passes (closing must not block, e.g. a plain socket)
     * @param millis the time limit from now
     * @return the armed deadline; {@link #close()} disarms it
     */
    static CloseAtDeadline arm(Closeable target, long millis) {
        return new CloseAtDeadline(target, millis);
    }

    /** @return whether the deadline passed and the target was closed */
    boolean expired() {
        return state.get() == EXPIRED;
    }

    /** Disarms the deadline, unless it already passed; after this, {@link #expired()} no longer changes. */
    @Override
    public void close() {
        if (state.compareAndSet(ARMED, DISARMED)) {
            task.cancel(false);
        }
    }

    private void expire(Closeable target) {
        if (!state.compareAndSet(ARMED, EXPIRED)) {
            return;
        }
        try {
            target.close();
        } catch (IOException ignored) {
            // the blocked call fails either way
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "xsmtp-deadline");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
