package org.xsmtp.net;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Gives blocking socket writes a time limit, which {@code java.net.Socket} lacks (and TLS reads and the TLS
 * close one that a trickling peer cannot stretch): a call publishes its deadline, one shared daemon thread
 * closes the TCP socket under any call still blocked past its deadline. The send path pays two volatile
 * writes per write call and schedules nothing.
 */
final class WriteWatchdog {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final WriteWatchdog INSTANCE = new WriteWatchdog();

    private final Set<SocketConnection> watched = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Thread> thread = new AtomicReference<>();

    private WriteWatchdog() {
    }

    void watch(SocketConnection connection) {
        watched.add(connection);
        Thread t = thread.get();
        if (t != null) {
            LockSupport.unpark(t);
            return;
        }
        Thread fresh = new Thread(this::run, "xsmtp-write-watchdog");
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
