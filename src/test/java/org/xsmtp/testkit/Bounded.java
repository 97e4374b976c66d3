package org.xsmtp.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one client action on a thread of its own under a generous time limit and measures how many heap
 * bytes that thread allocated meanwhile: how "does not hang" and "bounded memory" are checked without timing
 * assertions. Allocation is an upper bound for the heap the action can have grown: a client that buffered a
 * 100 MB reply would have allocated at least 100 MB.
 */
public final class Bounded {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The action. */
    public interface Action<T> {
        /**
         * @return the result
         * @throws Exception whatever the client throws: part of the outcome
         */
        T run() throws Exception;
    }

    /**
     * What happened.
     *
     * @param value the result, or null
     * @param failure what the action threw, or null
     * @param hung whether the limit passed first (the action's thread is then abandoned)
     * @param allocatedBytes heap bytes the action's thread allocated (-1 when hung)
     */
    public record Outcome<T>(T value, Throwable failure, boolean hung, long allocatedBytes) {
    }

    private record Measured<T>(T value, Throwable failure, long allocated) {
    }

    private Bounded() {
    }

    /**
     * @param limit how long to wait: several times the client's own timeouts
     * @param action the client work
     * @return the outcome; never throws for the action's failure
     */
    public static <T> Outcome<T> run(Duration limit, Action<T> action) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bounded-client");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Measured<T>> future = thread.submit(() -> measure(action));
            Measured<T> m = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome<>(m.value(), m.failure(), false, m.allocated());
        } catch (TimeoutException e) {
            return new Outcome<>(null, null, true, -1);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause(), false, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            thread.shutdownNow();
        }
    }

    private static <T> Measured<T> measure(Action<T> action) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        T value = null;
        Throwable failure = null;
        try {
            value = action.run();
        } catch (Throwable t) {
            failure = t;
        }
        return new Measured<>(value, failure, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
}
