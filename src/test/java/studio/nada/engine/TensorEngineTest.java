package studio.nada.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class TensorEngineTest {
    @Test
    void startsOfflineOnCpu() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals(Device.cpu(), TensorEngine.device("cpu"));
        try (NDManager m = TensorEngine.newManager(Device.cpu())) {
            NDArray a = m.create(new float[] {1, 2, 3});
            assertEquals(6f, a.sum().getFloat(), 0f);
        }
    }

    @Test
    void smallGeneratorsRunOnOneComputeThread() {
        assertEquals(1, TensorEngine.computeThreadsFor(64, 8), "the Shapes world's 64 px");
        assertEquals(8, TensorEngine.computeThreadsFor(256, 8), "real sizes use the cores given");
        assertEquals(1, TensorEngine.computeThreadsFor(1024, 0), "never fewer than one");
        int before = TensorEngine.useComputeThreadsFor(64);
        try {
            assertEquals(1, ai.djl.pytorch.jni.JniUtils.getNumThreads());
        } finally {
            TensorEngine.useComputeThreads(before);
        }
        assertEquals(before, ai.djl.pytorch.jni.JniUtils.getNumThreads(), "restored");
    }

    @Test
    void unknownDeviceIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorEngine.device("tpu"));
        assertEquals("Unknown device 'tpu': use cpu, cuda or cuda:N", e.getMessage());
    }

    @Test
    void stepScopeFreesWhatTheStepMade() {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            NDArray param = root.ones(new ai.djl.ndarray.types.Shape(4));
            int before = root.getManagedArrays().size();
            for (int i = 0; i < 50; i++) {
                try (StepScope scope = StepScope.open(root, java.util.List.of(param))) {
                    param.mul(2).add(1).sum();
                }
            }
            assertEquals(before, root.getManagedArrays().size());
            assertEquals(4f, param.sum().getFloat(), 0f);
        }
    }
}
