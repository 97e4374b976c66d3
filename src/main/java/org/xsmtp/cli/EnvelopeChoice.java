package org.xsmtp.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xsmtp.message.AddressParser;
import org.xsmtp.message.Envelope;
import org.xsmtp.message.EnvelopeRules;
import org.xsmtp.message.HeaderSource;
import org.xsmtp.message.MailboxAddress;

/**
 * The envelope of one message: {@code -f} or smtplib's sender rule ({@code Sender}, else {@code From}, the
 * {@code Resent-} ones for a message with one Resent-* block); with {@code -t} smtplib's recipient rule
 * ({@code To}, {@code Bcc}, {@code Cc}, or their {@code Resent-} forms) followed by any recipients on the
 * command line (as Postfix and msmtp do), else the command line's recipients alone. Each recipient is kept
 * once, as Postfix does.
 *
 * <p>A message with more than one Resent-* block is refused only with {@code -t}, where the recipients would
 * have to come from one of the blocks. Without {@code -t} the recipients are explicit and the blocks are left
 * out of the envelope: the sender is {@code -f}, else the plain {@code Sender} or {@code From}.
 */
final class EnvelopeChoice {
    private static final String RESENT = "resent-";

    private EnvelopeChoice() {
    }

    /**
     * @param headers the message's header fields
     * @param s the settings
     * @return the envelope, with at least one recipient, each once
     * @throws CliFailure with {@link ExitCode#DATAERR} when the headers give no usable sender or recipient,
     *     or, with {@code -t}, hold more than one Resent-* block
     */
    static Envelope of(HeaderSource headers, Settings s) throws CliFailure {
        int resentBlocks = headers.values("Resent-Date").size();
        HeaderSource source = headers;
        if (resentBlocks > 1) {
            if (s.extractRecipients) {
                throw new CliFailure(ExitCode.DATAERR, "-t cannot take the recipients from this message: it has "
                        + resentBlocks + " Resent-* blocks (Resent-Date fields), so the most recent one cannot be"
                        + " told; name the recipients as arguments instead of using -t, or remove the older"
                        + " blocks");
            }
            source = name -> name.toLowerCase(Locale.ROOT).startsWith(RESENT) ? List.of() : headers.values(name);
        }
        Envelope envelope;
        try {
            envelope = EnvelopeRules.resolve(source, s.sender, s.extractRecipients ? null : s.recipients);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.DATAERR, e.getMessage() + (s.sender == null ? " (-f ADDRESS)" : ""), e);
        }
        List<String> all = new ArrayList<>(envelope.recipients());
        if (s.extractRecipients) {
            all.addAll(s.recipients);
        }
        envelope = new Envelope(envelope.sender(), withoutDuplicates(all));
        if (envelope.recipients().isEmpty()) {
            throw new CliFailure(ExitCode.DATAERR, "no recipients: the message has no address in its To, Cc or"
                    + " Bcc header (Resent-To, Resent-Cc, Resent-Bcc for a resent message)");
        }
        return envelope;
    }

    /**
     * @param recipients addresses, from the headers (addr-specs) or the command line (as typed)
     * @return each address once, at its first place; two are the same when their addr-specs are equal
     *     ignoring case
     */
    static List<String> withoutDuplicates(List<String> recipients) {
        Set<String> seen = new HashSet<>();
        List<String> once = new ArrayList<>();
        for (String recipient : recipients) {
            MailboxAddress parsed = AddressParser.parseAddr(recipient);
            String key = (parsed != null ? parsed.addrSpec() : recipient.strip()).toLowerCase(Locale.ROOT);
            if (seen.add(key)) {
                once.add(recipient);
            }
        }
        return once;
    }

    /**
     * @param envelope the envelope
     * @return smtplib's MAIL parameters for it: SMTPUTF8 and BODY=8BITMIME when an address is not ASCII
     */
    static List<String> mailOptions(Envelope envelope) {
        return EnvelopeRules.needsSmtpUtf8(envelope) ? List.of("SMTPUTF8", "BODY=8BITMIME") : List.of();
    }
}
