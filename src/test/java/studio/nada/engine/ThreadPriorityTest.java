package studio.nada.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Lowering a thread's priority changes that thread only. */
class ThreadPriorityTest {
    @Test
    void lowersTheCallingThreadOnly() throws Exception {
        Integer before = ThreadPriority.currentNice();
        assumeTrue(before != null, "thread nice values are only readable on Linux x86-64/aarch64");
        AtomicReference<Integer> inside = new AtomicReference<>();
        AtomicReference<Boolean> done = new AtomicReference<>();
        Thread t = new Thread(() -> {
            done.set(ThreadPriority.lowerCurrent(before + 5));
            inside.set(ThreadPriority.currentNice());
        });
        t.start();
        t.join();
        assertEquals(Boolean.TRUE, done.get());
        assertEquals(Math.min(19, before + 5), inside.get());
        assertEquals(before, ThreadPriority.currentNice(), "the caller's priority is untouched");
    }
}
