package studio.nada.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The C library functions the engine calls (allocator settings and counters, thread priority,
 * the parent-death signal), bound once. JNA binds each function on its first call, so one that
 * this libc lacks (mallinfo2 before glibc 2.33) fails only where it is called.
 */
interface LibC extends Library {
    int mallopt(int param, int value);

    int setenv(String name, String value, int overwrite);

    NativeHeap.MallInfo2 mallinfo2();

    int syscall(int number);

    int setpriority(int which, int who, int prio);

    int getpriority(int which, int who);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /** libc, loaded on first use; null where it cannot be (not a C library JNA can load). */
    static LibC instance() {
        return Holder.INSTANCE;
    }

    /** Lazy, thread-safe loading. */
    final class Holder {
        static final LibC INSTANCE = load();

        private Holder() {}

        private static LibC load() {
            try {
                return Native.load("c", LibC.class);
            } catch (Throwable e) {
                return null;
            }
        }
    }
}
