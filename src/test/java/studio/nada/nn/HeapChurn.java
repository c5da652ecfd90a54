package studio.nada.nn;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Has the garbage collector free the memory of closed DJL buffers, then fills freshly allocated
 * native memory of small sizes with 0x7f bytes: a scalar that autograd saved for backward in such
 * a buffer (DJL's x.mul(Number) frees its own) then reads as 3.4·10³⁸.
 */
public final class HeapChurn {
    /** Kept until the next churn, so that the filled memory is not handed back before backward reads. */
    private static List<ByteBuffer> filled = List.of();

    private HeapChurn() {}

    public static void churn() {
        filled = List.of();
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20); // the Cleaner frees direct buffers on its own thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ByteBuffer> out = new ArrayList<>();
        for (int size : new int[] {4, 8, 16, 32, 64}) {
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(size);
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f);
                }
                out.add(b);
            }
        }
        filled = out;
    }
}
