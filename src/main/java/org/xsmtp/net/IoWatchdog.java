package org.xsmtp.net;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Gives blocking socket writes a time limit, which {@code java.net.Socket} lacks, and plain-TCP reads theirs
 * without {@code SO_TIMEOUT} (a socket read with a timeout goes non-blocking and costs a failed read and a
 * poll per reply, about a tenth of the time of a loopback round trip): a read or write publishes its
 * deadline, one shared daemon thread closes the socket of any read or write still blocked past its deadline
 * (at most one tick, {@value #TICK_MILLIS} ms, late). Timeouts close the connection anyway. The I/O path
 * pays two volatile writes per call and schedules nothing.
 */
final class IoWatchdog {
    private static final long TICK_MILLIS = 50;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    static final IoWatchdog INSTANCE = new IoWatchdog();

    private final Set<SocketConnection> watched = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Thread> thread = new AtomicReference<>();

    private IoWatchdog() {
    }

    void watch(SocketConnection connection) {
        watched.add(connection);
        Thread t = thread.get();
        if (t != null) {
            LockSupport.unpark(t);
            return;
        }
        Thread fresh = new Thread(this::run, "xsmtp-io-watchdog");
        fresh.setDaemon(true);
        if (thread.compareAndSet(null, fresh)) {
            fresh.start();
        } else {
            LockSupport.unpark(thread.get());
        }
    }

    void unwatch(SocketConnection connection) {
        watched.remove(connection);
    }

    private void run() {
        while (true) {
            if (watched.isEmpty()) {
                LockSupport.park(this);
                continue;
            }
            long now = System.nanoTime();
            for (SocketConnection c : watched) {
                c.expireIfOverdue(now);
            }
            LockSupport.parkNanos(this, TICK_NANOS);
        }
    }
}
