package org.xsmtp.faults;

import java.util.List;
import org.xsmtp.peers.SinkMessage;
import org.xsmtp.smtp.RecipientResult;

/**
 * What happened in one cell.
 *
 * @param failure what connecting or sendmail threw, or null
 * @param closeFailure what close() threw, or null
 * @param recipients the per-recipient results the client reported
 * @param captured the messages smtp-sink stored
 * @param hung whether the client did not finish within the bound
 */
record Observation(Throwable failure, Throwable closeFailure, List<RecipientResult> recipients,
        List<SinkMessage> captured, boolean hung) {
}
