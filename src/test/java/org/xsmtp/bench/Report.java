package org.xsmtp.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Prints the benchmark's tables (Markdown, so they can go into the README as they are) and the targets. */
final class Report {
    private Report() {
    }

    static void print(PrintStream out, String machine, Benchmark.ProxyCheck check, List<Benchmark.Sink> sinks,
            List<Benchmark.Row> rows, List<Benchmark.BigRow> bigRows, List<String> notes, String load0,
            String load1, double seconds) {
        out.println();
        out.println("## xsmtp benchmark");
        out.println();
        out.println("- machine: " + machine);
        out.println(String.format(Locale.ROOT, "- load average (1/5/15 min) at start %s, at end %s; wall time %.0f s",
                load0, load1, seconds));
        out.println("- " + check);
        for (Benchmark.Sink s : sinks) {
            out.println("- sink `" + s.name() + "`: " + s.description());
        }
        out.println("- 1 KiB messages, one connection per client, the clients' runs interleaved round by round; "
                + "msgs/s of each timed run (0 RTT: 9 runs of 0.2 s, 2 ms: 5 runs of 0.5 s, after a 0.3 s"
                + " warm-up per cell and 2 s per client before the first; with -Dbench.runs=N: N+4 and N)."
                + " Ratio: median of the xsmtp row / median of Angus in the same cell. RT/msg: client turns"
                + " counted by the proxy per message (round trips).");
        notes.forEach(n -> out.println("- NOTE: " + n));
        out.println();
        out.println("| sink | RTT | rcpt | client | min | median | max | spread | xsmtp/Angus | RT/msg |");
        out.println("|---|---|---:|---|---:|---:|---:|---:|---:|---:|");
        double worstSpread = 0;
        for (Benchmark.Row r : rows) {
            double angus = angusMedian(rows, r);
            double spread = Stats.spread(r.rates());
            worstSpread = Math.max(worstSpread, spread);
            out.println(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.0f | %.0f | %.0f | %.0f%% | %s | %s |",
                    r.sink(), r.rtt(), r.rcpts(), r.client(), Stats.min(r.rates()), r.median(),
                    Stats.max(r.rates()), 100 * spread, r.angus() ? "1.00" : fmt(r.median() / angus),
                    Double.isNaN(r.turns()) ? "" : String.format(Locale.ROOT, "%.2f", r.turns())));
        }
        out.println();
        out.println(String.format(Locale.ROOT, "Largest run-to-run spread ((max-min)/median) in the table: %.0f%%.",
                100 * worstSpread));
        if (!bigRows.isEmpty()) {
            out.println();
            out.println("One 100 MiB message (0 RTT; heap growth: peak used heap during the send minus the used heap"
                    + " after a GC before it, sampled every 0.2 ms; allocated and CPU: what the sending thread allocated"
                    + " and spent per send):");
            out.println();
            out.println("| sink | client | MiB/s min | median | max | xsmtp/Angus | heap growth max | allocated (median) "
                    + "| CPU s (median) | GCs |");
            out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (Benchmark.BigRow b : bigRows) {
                double angus = bigRows.stream().filter(x -> x.angus() && x.sink().equals(b.sink()))
                        .mapToDouble(x -> Stats.median(x.mibPerSecond())).findFirst().orElse(Double.NaN);
                out.println(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %s | %.1f MiB | %.1f MiB | %.2f | %d |",
                        b.sink(), b.client(), Stats.min(b.mibPerSecond()), Stats.median(b.mibPerSecond()),
                        Stats.max(b.mibPerSecond()), b.angus() ? "1.00" : fmt(Stats.median(b.mibPerSecond()) / angus),
                        Stats.max(b.growthMiB()), Stats.median(b.allocatedMiB()), Stats.median(b.cpuSeconds()),
                        b.collections()));
            }
        }
        out.println();
        out.println("Targets (issue #6):");
        out.println();
        out.println("| target | sink | measured | met |");
        out.println("|---|---|---:|---|");
        for (Benchmark.Sink s : sinks) {
            String n = s.name();
            boolean chunking = !n.equals("smtp-sink");
            ratio(out, rows, n, "2 ms", 1, "xsmtp Transport", 1.8, "2 ms, 1 rcpt: Transport.sendMessage >= 1.8x Angus");
            if (chunking) {
                ratio(out, rows, n, "2 ms", 1, "sendBatch", 10, "2 ms, 1 rcpt: batch >= 10x Angus with CHUNKING");
            } else {
                ratio(out, rows, n, "2 ms", 1, "sendBatch", 3.5, "2 ms, 1 rcpt: batch >= 3.5x Angus with PIPELINING alone");
            }
            ratio(out, rows, n, "2 ms", 5, "xsmtp Transport", 3.5, "2 ms, 5 rcpt: Transport.sendMessage >= 3.5x Angus");
            ratio(out, rows, n, "0", 1, "xsmtp Transport", 1.3, "0 RTT, 1 rcpt: Transport.sendMessage >= 1.3x Angus");
            find(rows, n, "0", 1, "sendmail(byte[])").ifPresent(r -> out.println(String.format(Locale.ROOT,
                    "| 0 RTT, 1 rcpt: sendmail(byte[]) >= 15,000 msg/s | %s | %.0f msg/s | %s |", n, r.median(),
                    r.median() >= 15000 ? "yes" : "NO")));
            for (Benchmark.BigRow b : bigRows) {
                if (!b.sink().equals(n) || b.angus()) {
                    continue;
                }
                double angus = bigRows.stream().filter(x -> x.angus() && x.sink().equals(n))
                        .mapToDouble(x -> Stats.median(x.mibPerSecond())).findFirst().orElse(Double.NaN);
                double mine = Stats.median(b.mibPerSecond());
                double growth = Stats.max(b.growthMiB());
                out.println(String.format(Locale.ROOT, "| 100 MiB, %s: MiB/s >= Angus, heap growth < 16 MiB | %s"
                        + " | %.0f vs %.0f MiB/s, %.1f MiB | %s |", b.client(), n, mine, angus, growth,
                        mine >= angus && growth < 16 ? "yes" : "NO"));
            }
        }
    }

    private static void ratio(PrintStream out, List<Benchmark.Row> rows, String sink, String rtt, int rcpts,
            String client, double target, String text) {
        Optional<Benchmark.Row> r = find(rows, sink, rtt, rcpts, client);
        if (r.isEmpty()) {
            return;
        }
        double ratio = r.get().median() / angusMedian(rows, r.get());
        out.println(String.format(Locale.ROOT, "| %s | %s | %.2fx | %s |", text, sink, ratio,
                ratio >= target ? "yes" : "NO"));
    }

    private static Optional<Benchmark.Row> find(List<Benchmark.Row> rows, String sink, String rtt, int rcpts,
            String client) {
        return rows.stream().filter(r -> r.sink().equals(sink) && r.rtt().equals(rtt) && r.rcpts() == rcpts
                && r.client().contains(client) && !r.client().contains("sendpartial")).findFirst();
    }

    private static double angusMedian(List<Benchmark.Row> rows, Benchmark.Row of) {
        List<Benchmark.Row> same = new ArrayList<>();
        for (Benchmark.Row r : rows) {
            if (r.angus() && r.sink().equals(of.sink()) && r.rtt().equals(of.rtt()) && r.rcpts() == of.rcpts()) {
                same.add(r);
            }
        }
        return same.isEmpty() ? Double.NaN : same.get(0).median();
    }

    private static String fmt(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }
}
