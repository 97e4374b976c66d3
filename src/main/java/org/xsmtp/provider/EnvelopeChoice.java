package org.xsmtp.provider;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whose recipients go in the envelope. {@code Transport.send(msg)} passes {@code msg.getAllRecipients()}: then
 * the message decides, by smtplib's rules (one Resent-* block redirects it to its Resent-* recipients).
 * Any other list is the caller's explicit envelope.
 */
final class EnvelopeChoice {
    private EnvelopeChoice() {
    }

    /** @return null to let the headers decide, else the caller's addr-specs in order */
    static List<String> recipients(MimeMessage message, List<InternetAddress> given) {
        return sameAsHeaders(message, given) ? null : given.stream().map(InternetAddress::getAddress).toList();
    }

    /**
     * @return the address itself, or a group's members (as Angus expands them): a group such as
     *     {@code team: a@x, b@y;} is not a mailbox the server could take in one RCPT
     * @throws AddressException when a group's member list does not parse
     */
    static List<InternetAddress> members(InternetAddress address) throws AddressException {
        if (!address.isGroup()) {
            return List.of(address);
        }
        InternetAddress[] members = address.getGroup(false);
        return members == null ? List.of() : List.of(members);
    }

    private static boolean sameAsHeaders(MimeMessage message, List<InternetAddress> given) {
        Address[] all;
        try {
            all = message.getAllRecipients();
        } catch (MessagingException e) {
            return false; // unparsable headers: the caller's list is all we can trust
        }
        if (all == null) {
            return false;
        }
        Set<String> headers = new HashSet<>();
        for (Address a : all) {
            if (!(a instanceof InternetAddress ia) || ia.getAddress() == null) {
                return false;
            }
            try {
                members(ia).forEach(m -> headers.add(m.getAddress().toLowerCase(Locale.ROOT)));
            } catch (AddressException e) {
                return false;
            }
        }
        Set<String> caller = new HashSet<>();
        given.forEach(a -> caller.add(a.getAddress().toLowerCase(Locale.ROOT)));
        return headers.equals(caller);
    }
}
