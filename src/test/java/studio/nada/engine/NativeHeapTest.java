package studio.nada.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class NativeHeapTest {
    private static final long MIB = 1 << 20;

    /** A 64 MiB tensor shows in malloc's in-use count while it lives and leaves it when closed. */
    @Test
    void aTensorIsCountedWhileItLives() {
        assumeTrue(NativeHeap.inUseBytes() >= 0, "no mallinfo2 here (not glibc 2.33+): nothing to count");
        try (NDManager m = TensorEngine.newManager(Device.cpu())) {
            long before = NativeHeap.inUseBytes();
            NDArray x = m.ones(new Shape(16, MIB)); // 16 Mi floats = 64 MiB
            long during = NativeHeap.inUseBytes();
            x.close();
            long after = NativeHeap.inUseBytes();
            assertTrue(during - before >= 60 * MIB, "in use grew by " + (during - before) / MIB + " MiB");
            assertTrue(during - after >= 60 * MIB, "in use fell by " + (during - after) / MIB + " MiB on close");
        }
        assertTrue(NativeHeap.residentBytes() > 0, "resident set size read from /proc");
    }
}
