package org.xsmtp.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives the SMTP envelope from message headers following the rules of Python smtplib's
 * {@code send_message}.
 *
 * <ol>
 * <li>The {@code Resent-Date} fields are counted first: none selects the plain fields, exactly
 * one selects the {@code Resent-} fields (the plain {@code From}, {@code To} etc. are then
 * ignored), more than one is an error, even when sender and recipients are given explicitly.</li>
 * <li>Sender: the first value of {@code Sender} if that field is present, otherwise the first
 * value of {@code From} (each with the selected prefix); its first mailbox.</li>
 * <li>Recipients: the first value of each of {@code To}, {@code Bcc}, {@code Cc}, in this
 * order, that is present (with the selected prefix), parsed together with
 * {@link AddressParser#parseList}; every mailbox in order, duplicates kept.</li>
 * </ol>
 *
 * <p>Differences from smtplib: a recipient field with an address that cannot be parsed is an
 * error naming the field, before anything is sent, instead of turning into an empty or partial address
 * (smtplib would send {@code RCPT TO:<>} for some) or being skipped unnoticed; an empty group such as
 * {@code undisclosed-recipients:;} and empty list elements contribute nothing; and a sender field
 * without any parsable mailbox is an error instead of an empty sender.
 */
public final class EnvelopeRules {

    private static final String RESENT = "Resent-";

    private EnvelopeRules() {
    }

    /**
     * Computes the envelope of a message.
     *
     * @param headers the message headers
     * @param from the envelope sender, or {@code null} to take it from the headers; used as
     *     given otherwise
     * @param to the envelope recipients, or {@code null} to take them from the headers; copied
     *     as given otherwise. Recipients taken from headers may be an empty list.
     * @return the envelope
     * @throws IllegalArgumentException if the message has more than one {@code Resent-Date}
     *     field, or if {@code from} is {@code null} and the headers name no parsable sender
     * @throws NullPointerException if {@code headers} is {@code null} or {@code to} contains
     *     {@code null}
     */
    public static Envelope resolve(HeaderSource headers, String from, List<String> to) {
        String prefix = headerPrefix(headers);
        String sender = from != null ? from : senderFromHeaders(headers, prefix);
        List<String> recipients = to != null ? to : recipientsFromHeaders(headers, prefix);
        return new Envelope(sender, recipients);
    }

    /**
     * Tells whether an envelope needs the SMTPUTF8 extension (RFC 6531).
     *
     * @param envelope the envelope
     * @return {@code true} if the sender or any recipient contains a non-ASCII character
     */
    public static boolean needsSmtpUtf8(Envelope envelope) {
        if (!isAscii(envelope.sender())) {
            return true;
        }
        for (String recipient : envelope.recipients()) {
            if (!isAscii(recipient)) {
                return true;
            }
        }
        return false;
    }

    private static String headerPrefix(HeaderSource headers) {
        int resentBlocks = headers.values(RESENT + "Date").size();
        if (resentBlocks > 1) {
            throw new IllegalArgumentException("message has more than one 'Resent-' header block ("
                    + resentBlocks + " Resent-Date fields), so the most recent one cannot be told;"
                    + " pass the envelope sender and recipients explicitly or remove the older blocks");
        }
        return resentBlocks == 1 ? RESENT : "";
    }

    private static String senderFromHeaders(HeaderSource headers, String prefix) {
        String field = prefix + "Sender";
        List<String> values = headers.values(field);
        if (values.isEmpty()) {
            field = prefix + "From";
            values = headers.values(field);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("message has no '" + prefix + "Sender' or '" + prefix
                    + "From' header; pass the envelope sender explicitly");
        }
        List<MailboxAddress> mailboxes = AddressParser.parseList(List.of(values.get(0)));
        if (mailboxes.isEmpty()) {
            throw new IllegalArgumentException("the '" + field + "' header holds no parsable address: '"
                    + abbreviate(values.get(0)) + "'; pass the envelope sender explicitly");
        }
        return mailboxes.get(0).addrSpec();
    }

    private static List<String> recipientsFromHeaders(HeaderSource headers, String prefix) {
        List<String> recipients = new ArrayList<>();
        for (String name : List.of("To", "Bcc", "Cc")) {
            List<String> values = headers.values(prefix + name);
            if (values.isEmpty()) {
                continue;
            }
            ParsedList parsed = AddressParser.parseValue(values.get(0));
            if (parsed.malformed() > 0) {
                // smtplib would send to whatever getaddresses makes of them; skipping them quietly would
                // leave the caller believing everyone got the message
                throw new IllegalArgumentException("the '" + prefix + name + "' header holds " + parsed.malformed()
                        + " address(es) that cannot be parsed, which would not get the message: '"
                        + abbreviate(values.get(0)) + "'; correct the header or pass the envelope recipients"
                        + " explicitly");
            }
            for (MailboxAddress mailbox : parsed.mailboxes()) {
                recipients.add(mailbox.addrSpec());
            }
        }
        return recipients;
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
