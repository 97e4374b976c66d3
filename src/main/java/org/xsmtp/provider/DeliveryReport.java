package org.xsmtp.provider;

import jakarta.mail.Address;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.Reply;

/**
 * Sorts the recipients of one send into Angus Mail's three lists. Delivered: valid sent. Accepted at RCPT but
 * not delivered, or never answered: valid unsent (listed first, as Angus does). Refused at RCPT with a 4xx or
 * 552 (a mailbox that may take mail later): valid unsent. Any other refusal: invalid.
 *
 * @param sent valid, sent
 * @param unsent valid, not sent
 * @param invalid refused as invalid
 * @param results the engine's per-RCPT results, empty when nothing was sent
 */
record DeliveryReport(List<Address> sent, List<Address> unsent, List<Address> invalid,
        List<RecipientResult> results) {

    /** Every recipient unsent: the transaction failed before any recipient was judged. */
    static DeliveryReport nothingSent(List<InternetAddress> recipients) {
        return new DeliveryReport(List.of(), List.copyOf(recipients), List.of(), List.of());
    }

    /**
     * Every recipient of a transaction the server refused at MAIL unsent, whatever the RCPT replies (pipelined
     * RCPTs are answered 503 then): the envelope's recipients, which a Resent-* block may have chosen.
     */
    static DeliveryReport nothingSent(List<RecipientResult> results, List<InternetAddress> given) {
        List<Address> unsent = new ArrayList<>(results.size());
        results.forEach(r -> unsent.add(address(r.recipient(), given)));
        return new DeliveryReport(List.of(), List.copyOf(unsent), List.of(), List.copyOf(results));
    }

    /**
     * @param results one per RCPT, in order
     * @param given the caller's addresses, reused for matching recipients so callers get their own objects
     * @return the three lists
     */
    static DeliveryReport of(List<RecipientResult> results, List<InternetAddress> given) {
        List<Address> sent = new ArrayList<>();
        List<Address> acceptedUnsent = new ArrayList<>();
        List<Address> refusedUnsent = new ArrayList<>();
        List<Address> invalid = new ArrayList<>();
        for (RecipientResult r : results) {
            Address address = address(r.recipient(), given);
            if (r.delivered()) {
                sent.add(address);
            } else if (r.rcptReply() == null || r.acceptedAtRcpt()) {
                acceptedUnsent.add(address);
            } else if (r.rcptReply().isTransient() || r.rcptReply().code() == 552) {
                refusedUnsent.add(address);
            } else {
                invalid.add(address);
            }
        }
        acceptedUnsent.addAll(refusedUnsent);
        return new DeliveryReport(List.copyOf(sent), List.copyOf(acceptedUnsent), List.copyOf(invalid),
                List.copyOf(results));
    }

    /** @return MESSAGE_DELIVERED, MESSAGE_NOT_DELIVERED or MESSAGE_PARTIALLY_DELIVERED */
    int eventType() {
        if (sent.isEmpty()) {
            return TransportEvent.MESSAGE_NOT_DELIVERED;
        }
        return unsent.isEmpty() && invalid.isEmpty() ? TransportEvent.MESSAGE_DELIVERED
                : TransportEvent.MESSAGE_PARTIALLY_DELIVERED;
    }

    /** @return the first recipient that did not get the message, or null */
    RecipientResult firstFailure() {
        return results.stream().filter(r -> !r.delivered()).findFirst().orElse(null);
    }

    /** @return the first recipient refused at RCPT, or null */
    RecipientResult firstRefused() {
        return results.stream().filter(r -> r.rcptReply() != null && !r.acceptedAtRcpt()).findFirst().orElse(null);
    }

    /** @return each recipient that did not get the message, with the reply that decided it */
    String failures() {
        StringBuilder s = new StringBuilder();
        for (RecipientResult r : results) {
            if (!r.delivered()) {
                Reply reply = r.decisive();
                s.append(s.length() == 0 ? "" : ", ").append(r.recipient())
                        .append(r.unconfirmed() ? " (no reply after the data)"
                                : reply == null ? " (not answered)" : " (" + reply + ")");
            }
        }
        return s.toString();
    }

    static Address[] array(List<Address> addresses) {
        return addresses.toArray(new Address[0]);
    }

    private static Address address(String recipient, List<InternetAddress> given) {
        String key = recipient.toLowerCase(Locale.ROOT);
        for (InternetAddress a : given) {
            if (a.getAddress() != null && a.getAddress().toLowerCase(Locale.ROOT).equals(key)) {
                return a;
            }
        }
        InternetAddress made = new InternetAddress();
        made.setAddress(recipient);
        return made;
    }
}
