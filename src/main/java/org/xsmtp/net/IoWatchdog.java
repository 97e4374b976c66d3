package org.xsmtp.net;

import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Gives socket calls a total deadline: writes (which {@code java.net.Socket} cannot time out), plain-TCP reads
 * without {@code SO_TIMEOUT} (a read with a timeout goes non-blocking and costs a failed read and a poll per
 * reply, about a tenth of a loopback round trip), TLS reads (a peer trickling a record byte by byte would
 * restart {@code SO_TIMEOUT} for ever) and the TLS close. A call publishes its deadline; one shared daemon
 * thread closes the TCP socket under any call still blocked past it, at most one tick ({@value #TICK_MILLIS}
 * ms) late. A timeout closes the connection anyway. The I/O path pays two volatile writes per call.
 *
 * <p>Connections are held weakly: one its owner forgot to close is still collected (and its socket closed by
 * the JDK), and the thread sleeps once nothing is watched. A connection inside a call is reachable from the
 * calling thread, so it is never collected while a deadline matters.
 */
final class IoWatchdog {
    private static final long TICK_MILLIS = 50;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    static final IoWatchdog INSTANCE = new IoWatchdog();

    /** A watched connection; the connection keeps it to be unwatched. */
    static final class Watch extends WeakReference<SocketConnection> {
        Watch(SocketConnection connection) {
            super(connection);
        }
    }

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Thread> thread = new AtomicReference<>();

    private IoWatchdog() {
    }

    Watch watch(SocketConnection connection) {
        Watch w = new Watch(connection);
        watched.add(w);
        Thread t = thread.get();
        if (t != null) {
            LockSupport.unpark(t);
            return w;
        }
        Thread fresh = new Thread(this::run, "xsmtp-io-watchdog");
        fresh.setDaemon(true);
        if (thread.compareAndSet(null, fresh)) {
            fresh.start();
        } else {
            LockSupport.unpark(thread.get());
        }
        return w;
    }

    void unwatch(Watch w) {
        watched.remove(w);
    }

    /** @return whether {@code connection} is watched (for tests) */
    boolean watches(SocketConnection connection) {
        return watched.stream().anyMatch(w -> w.get() == connection);
    }

    private void run() {
        while (true) {
            if (watched.isEmpty()) {
                LockSupport.park(this);
                continue;
            }
            long now = System.nanoTime();
            for (Watch w : watched) {
                SocketConnection c = w.get();
                if (c == null) {
                    watched.remove(w);
                } else {
                    c.expireIfOverdue(now);
                }
            }
            LockSupport.parkNanos(this, TICK_NANOS);
        }
    }
}
