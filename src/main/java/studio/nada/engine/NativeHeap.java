package studio.nada.engine;

import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much native memory the process holds, for memory-flatness checks: tensors live in malloc'd
 * memory outside the Java heap, and the resident set alone hides whether freed blocks are reused
 * (glibc keeps freed memory resident, see {@link NativeMemory}), so both are read.
 */
public final class NativeHeap {
    private NativeHeap() {}

    /** glibc's {@code struct mallinfo2}: ten size_t counters. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static final class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    /** Bytes malloc has handed out and not had back (all arenas and mapped blocks), or -1 without glibc 2.33+. */
    public static long inUseBytes() {
        LibC c = Platform.isLinux() ? LibC.instance() : null;
        if (c == null) {
            return -1;
        }
        try {
            MallInfo2 m = c.mallinfo2();
            return m.uordblks + m.hblkhd;
        } catch (Throwable e) {
            return -1; // older glibc or musl: no counter
        }
    }

    /** Current resident set size in bytes (VmRSS), or -1 where /proc is absent. */
    public static long residentBytes() {
        return statusBytes("VmRSS:");
    }

    /** The process's peak resident set size in bytes (VmHWM), or -1 where /proc is absent. */
    public static long peakResidentBytes() {
        return statusBytes("VmHWM:");
    }

    private static long statusBytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }
}
