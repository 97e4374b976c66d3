package org.xsmtp.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the heap while one send runs: a background thread samples the used heap every 200 µs and keeps the
 * peak; the sending thread's allocated bytes and CPU time (HotSpot's per-thread counters) and the number of
 * collections are read before and after. Growth is the peak minus the used heap at the start (taken after a full GC), so it
 * includes garbage not yet collected: an upper bound on what the send kept alive.
 */
final class HeapSampler implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long baseline;
    private final long allocatedBefore;
    private final long cpuBefore;
    private final long gcsBefore;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peak;

    /** @param result filled in by {@link #close()} */
    record Result(long growthBytes, long allocatedBytes, long collections, long cpuNanos) {
    }

    private Result result;

    HeapSampler() {
        System.gc();
        System.gc();
        baseline = MEMORY.getHeapMemoryUsage().getUsed();
        peak = baseline;
        gcsBefore = collections();
        allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        cpuBefore = THREADS.getCurrentThreadCpuTime();
        sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (used > peak) {
                peak = used;
            }
            LockSupport.parkNanos(200_000);
        }
    }

    @Override
    public void close() {
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long used = MEMORY.getHeapMemoryUsage().getUsed();
        long top = Math.max(peak, used);
        result = new Result(top - baseline, allocated, collections() - gcsBefore, cpu);
    }

    Result result() {
        return result;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
