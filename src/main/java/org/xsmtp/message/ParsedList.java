package org.xsmtp.message;

import java.util.List;

/**
 * The mailboxes of one address header value, and how many of its elements could not be parsed and were
 * skipped (a caller that sends to the list must not let those go unnoticed).
 *
 * @param mailboxes the mailboxes in order, groups flattened, duplicates kept
 * @param malformed how many elements or group members were skipped as malformed
 */
public record ParsedList(List<MailboxAddress> mailboxes, int malformed) {
}
