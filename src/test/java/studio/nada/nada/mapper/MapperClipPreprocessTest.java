package studio.nada.nada.mapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.nada.engine.TensorEngine;

class MapperClipPreprocessTest {
    /** 4×4 → 2×2: ×7 nearest is 28×28, AvgPool2d(14) averages each 2×2 block of the input. */
    @Test
    void averagesBlocksOfAKnownImage() {
        try (NDManager m = TensorEngine.newManager(Device.cpu())) {
            float[] px = new float[16];
            for (int i = 0; i < 16; i++) {
                px[i] = i;
            }
            NDArray out = new MapperClipPreprocess(4, 2).apply(m.create(px, new Shape(1, 1, 4, 4)));
            assertArrayEquals(new long[] {1, 1, 2, 2}, out.getShape().getShape());
            // blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}
            assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, out.toFloatArray(), 1e-5f);
        }
    }

    /** Against a literal ×7 nearest upsample and pooling, for divisible (AvgPool2d) and other sizes. */
    @Test
    void matchesUpsampleThenPoolLiterally() {
        int[][] cases = {{8, 4}, {4, 4}, {32, 32}, {5, 3}, {2, 3}, {16, 14}};
        try (NDManager m = TensorEngine.newManager(Device.cpu())) {
            Random r = new Random(7);
            for (int[] c : cases) {
                int s = c[0];
                int res = c[1];
                float[] px = new float[2 * 3 * s * s];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (float) r.nextGaussian();
                }
                NDArray out = new MapperClipPreprocess(s, res).apply(m.create(px, new Shape(2, 3, s, s)));
                assertArrayEquals(new long[] {2, 3, res, res}, out.getShape().getShape());
                assertArrayEquals(literal(px, 6, s, res), out.toFloatArray(), 1e-5f, s + " → " + res);
            }
        }
    }

    /** The reference's case: 1024 → AvgPool2d(1024 // 32 = 32) of 7168 = 224; rows are averages. */
    @Test
    void referenceSizesPoolToTwoHundredTwentyFour() {
        float[] a = MapperClipPreprocess.poolMatrix(1024, 224);
        for (int i = 0; i < 224; i++) {
            double sum = 0;
            for (int j = 0; j < 1024; j++) {
                sum += a[i * 1024 + j];
            }
            assertEquals(1.0, sum, 1e-6, "row " + i);
        }
    }

    /** Nearest ×7 then PyTorch's adaptive average pooling windows [⌊iU/r⌋, ⌈(i+1)U/r⌉), plainly. */
    private static float[] literal(float[] px, int planes, int s, int r) {
        int u = 7 * s;
        float[] out = new float[planes * r * r];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < r; i++) {
                int y0 = Math.floorDiv(i * u, r);
                int y1 = -Math.floorDiv(-(i + 1) * u, r);
                for (int j = 0; j < r; j++) {
                    int x0 = Math.floorDiv(j * u, r);
                    int x1 = -Math.floorDiv(-(j + 1) * u, r);
                    double sum = 0;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            sum += px[p * s * s + (y / 7) * s + x / 7];
                        }
                    }
                    out[p * r * r + i * r + j] = (float) (sum / ((y1 - y0) * (x1 - x0)));
                }
            }
        }
        return out;
    }
}
