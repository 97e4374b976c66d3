package org.xsmtp.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Order statistics of a few runs. */
final class Stats {
    private Stats() {
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /** @return (max - min) / median, the run-to-run spread */
    static double spread(double[] v) {
        return (max(v) - min(v)) / median(v);
    }

    static String list(double[] v) {
        return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.0f", x)).collect(Collectors.joining(" "));
    }
}
