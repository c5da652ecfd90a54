package studio.nada.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import studio.nada.engine.TensorEngine;
import studio.nada.testing.Fixtures;

/** Dtypes libtorch cannot take as they are (BF16 crashes the JVM, U16/U32) reach DJL converted. */
class TensorDataNDArrayTest {
    @Test
    void bf16BecomesF32AndUnsignedTypesWiden() throws Exception {
        TensorData bf16 = Checkpoints.tensors(Fixtures.real("torch_zip/burn/reader/bfloat16.pt")).get("tensor");
        TensorData u16 = Safetensors.read(Fixtures.real("safetensors/safetensors_pr84/H.safetensors")).tensors().get("H");
        TensorData u32 = Safetensors.read(Fixtures.real("safetensors/safetensors_pr84/I.safetensors")).tensors().get("I");
        assertEquals(DType.BF16, bf16.dtype());
        try (NDManager m = TensorEngine.newManager(Device.cpu())) {
            NDArray a = bf16.toNDArray(m);
            assertEquals(DataType.FLOAT32, a.getDataType());
            assertArrayEquals(bf16.toFloatArray(), a.toFloatArray(), 0f);
            NDArray b = u16.toNDArray(m);
            assertEquals(DataType.INT32, b.getDataType());
            assertArrayEquals(new int[] {65533, 65534, 65535, 0, 1, 2}, b.toIntArray());
            NDArray c = u32.toNDArray(m);
            assertEquals(DataType.INT64, c.getDataType());
            assertArrayEquals(new long[] {4294967293L, 4294967294L, 4294967295L, 0, 1, 2}, c.toLongArray());
        }
    }
}
