package studio.nada.engine;

import com.sun.jna.Platform;

/**
 * Native settings applied before libtorch loads. OpenMP worker threads are told to sleep rather
 * than spin between parallel regions (OMP_WAIT_POLICY=PASSIVE, unless the user set it): with
 * anything else running on the cores, spinning workers starved each other and small ops ran 30x
 * slower. And freed tensor memory is kept inside the process. glibc serves allocations over its mmap
 * threshold with fresh mappings and unmaps them on free, so every large activation of every
 * step page-faults its memory in again; on this class of machine that made element-wise ops
 * 2-4x and some convolutions 6x slower. With mmap off and trimming off, freed blocks are reused.
 *
 * <p>That reuse needs the tensor thread on glibc's main arena, and the arena limit only holds for
 * threads started after it is set: the JVM's own threads have made their arenas before any Java
 * runs, so a tensor thread still gets its own, whose 64 MB heaps cannot hold a large activation,
 * which glibc then maps afresh anyway. Setting {@code MALLOC_ARENA_MAX=1} in the environment
 * before the JVM starts closes that gap (a 256 px NADA step: 7.1 s with huge pages alone, 4.3 s
 * with both, 12.3 s with neither, on a 2-core AVX-512 machine): {@link MallocRelaunch} starts the
 * CLI and the studio again with it, and the test JVMs get it from surefire.
 */
final class NativeMemory {
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_MAX = -4;
    private static final int M_ARENA_MAX = -8;

    private static volatile boolean tuned;

    private NativeMemory() {}

    /** Applies the settings once; a no-op where glibc is absent (the defaults are then kept). */
    static synchronized void tune() {
        if (tuned || !Platform.isLinux() || Boolean.getBoolean("nada.keep-malloc-defaults")) {
            tuned = true;
            return;
        }
        tuned = true;
        try {
            LibC c = LibC.instance();
            if (c == null) {
                return; // no C library to tune: its defaults stay
            }
            c.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
            // libtorch backs its large tensors with 2 MB pages when asked: a fresh 64 MB activation
            // then faults in 32 pages, not 16384 (an element-wise op on one went from 114 to 8 ms)
            c.setenv("THP_MEM_ALLOC_ENABLE", "1", 0);
            c.mallopt(M_ARENA_MAX, 1);
            c.mallopt(M_MMAP_MAX, 0);
            c.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE);
            c.mallopt(M_TOP_PAD, 64 << 20);
            if (Integer.getInteger("nada.malloc-perturb", 0) != 0) {
                c.mallopt(-6, Integer.getInteger("nada.malloc-perturb"));
            }
        } catch (Throwable e) {
            // musl or an unusual libc: keep its defaults, only speed is affected
        }
    }
}
