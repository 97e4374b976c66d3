package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.event.TransportEvent;
import jakarta.mail.event.TransportListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Records transport events, which Jakarta Mail delivers on its own event thread. Wait for them before closing
 * the transport: Jakarta Mail 2.0's event queue drops events still queued when close() ends the queue before
 * its thread has started (a race in the API jar, not in the provider).
 */
final class EventLog implements TransportListener {
    /** One event, with its type and address lists as strings. */
    record Event(int type, List<String> sent, List<String> unsent, List<String> invalid) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void messageDelivered(TransportEvent e) {
        add(e);
    }

    @Override
    public void messageNotDelivered(TransportEvent e) {
        add(e);
    }

    @Override
    public void messagePartiallyDelivered(TransportEvent e) {
        add(e);
    }

    private void add(TransportEvent e) {
        events.add(new Event(e.getType(), Fixtures.strings(e.getValidSentAddresses()),
                Fixtures.strings(e.getValidUnsentAddresses()), Fixtures.strings(e.getInvalidAddresses())));
    }

    /** @return the events once {@code count} have arrived (waits up to 5 s) */
    List<Event> await(int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events.size() < count && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(events.size() >= count, "expected " + count + " events, got " + events);
        return List.copyOf(events);
    }
}
