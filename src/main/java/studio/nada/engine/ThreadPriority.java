package studio.nada.engine;

import com.sun.jna.Platform;

/**
 * Lowers the OS priority (raises the nice value) of the calling thread, so that a user interface
 * wins every contended core from tensor work. Java's own thread priorities do nothing on Linux;
 * Linux keeps a nice value per thread, and threads the caller starts later (OpenMP's workers)
 * inherit it. Raising one's own nice value needs no privilege.
 */
public final class ThreadPriority {
    private static final int PRIO_PROCESS = 0;

    private ThreadPriority() {}

    /**
     * Sets the calling thread's nice value to {@code nice} (0 normal, 19 lowest) if that is lower
     * in priority than now; returns whether it took effect (false off Linux or on failure, where
     * the thread simply keeps its priority).
     */
    public static boolean lowerCurrent(int nice) {
        Integer gettid = gettidNumber();
        if (gettid == null) {
            return false;
        }
        LibC c = LibC.instance();
        if (c == null) {
            return false;
        }
        try {
            int tid = c.syscall(gettid);
            return tid > 0 && c.setpriority(PRIO_PROCESS, tid, Math.min(19, Math.max(0, nice))) == 0;
        } catch (Throwable e) {
            return false; // no glibc or no syscall: priorities stay as they are
        }
    }

    /** The calling thread's nice value, or null where it cannot be read. */
    public static Integer currentNice() {
        Integer gettid = gettidNumber();
        if (gettid == null) {
            return null;
        }
        LibC c = LibC.instance();
        if (c == null) {
            return null;
        }
        try {
            return c.getpriority(PRIO_PROCESS, c.syscall(gettid));
        } catch (Throwable e) {
            return null;
        }
    }

    /** gettid's system call number on the Linux architectures we run on. */
    private static Integer gettidNumber() {
        if (!Platform.isLinux()) {
            return null;
        }
        return switch (Platform.ARCH) {
            case "x86-64" -> 186;
            case "aarch64" -> 178;
            default -> null;
        };
    }
}
