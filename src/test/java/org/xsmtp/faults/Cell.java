package org.xsmtp.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * One case of the fault matrix: a fault on a command, with the client pipelining or not.
 *
 * @param command where the fault hits
 * @param fault what smtp-sink does there
 * @param pipelining whether the client may pipeline (smtp-sink advertises PIPELINING unless -r/-f)
 */
record Cell(Command command, Fault fault, boolean pipelining) {

    /** @return every applicable cell, each fault with pipelining on and off where smtp-sink allows */
    static List<Cell> all() {
        List<Cell> cells = new ArrayList<>();
        for (Command c : Command.values()) {
            for (Fault f : Fault.values()) {
                if (!f.appliesTo(c)) {
                    continue;
                }
                cells.add(new Cell(c, f, false));
                if (f.allowsPipelining()) {
                    cells.add(new Cell(c, f, true));
                }
            }
        }
        return cells;
    }

    List<String> sinkFlags() {
        return fault.sinkFlags(command);
    }

    @Override
    public String toString() {
        return String.join(" ", sinkFlags()) + (pipelining ? " (pipelining)" : "");
    }
}
