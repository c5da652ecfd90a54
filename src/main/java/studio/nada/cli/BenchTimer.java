package studio.nada.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import studio.nada.engine.NativeHeap;

/**
 * Times a piece of work over warm-up and measured runs and reports median/min/max milliseconds
 * and the process's peak resident memory (native tensors live outside the Java heap, so the
 * heap alone would hide them).
 */
public final class BenchTimer {
    private BenchTimer() {}

    /** The timings of one measured phase. */
    public record Result(String label, double[] millis) {
        public double median() {
            double[] s = millis.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        public double min() {
            return Arrays.stream(millis).min().orElse(Double.NaN);
        }

        public double max() {
            return Arrays.stream(millis).max().orElse(Double.NaN);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-24s median %9.1f ms   min %9.1f ms   max %9.1f ms   (%d runs)",
                    label, median(), min(), max(), millis.length);
        }
    }

    /** Runs {@code work} {@code warmup} times untimed, then {@code runs} times timed. */
    public static Result time(String label, int warmup, int runs, Runnable work) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return new Result(label, ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Peak resident set size of this process in MiB (VmHWM), or the heap peak where /proc is absent. */
    public static double peakMemoryMiB() {
        long peak = NativeHeap.peakResidentBytes();
        if (peak >= 0) {
            return peak / (1024.0 * 1024.0);
        }
        // not Linux: fall back to the JVM's view
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    public static String peakMemoryLine() {
        return String.format(Locale.ROOT, "peak resident memory     %.0f MiB", peakMemoryMiB());
    }
}
