package org.xsmtp.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xsmtp.peers.Requirements;
import org.xsmtp.peers.SmtpSinkPeer;

/**
 * The fault matrix against Postfix's smtp-sink: every command (and the greeting) times every fault smtp-sink
 * can inject, with pipelining on and off where smtp-sink allows. Each cell has its own sink and client, so
 * cells run six at a time. Each must end in its expected exception (or success), within its bound, with the
 * client's report and smtp-sink's store agreeing (see {@link Ledger}). Prints
 * {@code faults: N cases, H hangs, L lost, D duplicated}.
 */
class FaultMatrixTest {
    private static final int PARALLEL = 6;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyFaultOnEveryCommandIsReportedTrulyWithoutHangs() throws Exception {
        Requirements.executable(SmtpSinkPeer.SMTP_SINK, "postfix");
        List<Cell> cells = Cell.all();
        Ledger ledger = new Ledger();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Void>> runs = cells.stream().map(cell -> pool.submit(() -> {
                ledger.record(cell, CellRun.run(cell));
                return (Void) null;
            })).toList();
            for (Future<Void> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println(ledger.summary());
        assertTrue(ledger.problems().isEmpty(), () -> ledger.summary() + "\n" + String.join("\n", ledger.problems()));
        assertEquals(0, ledger.hangs() + ledger.lost() + ledger.duplicated(), ledger.summary());
    }
}
