package studio.nada.nada.mapper;

import studio.nada.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The mapper's own CLIP preprocessing (mapper_criteria/clip_loss.py): {@code Upsample(scale_factor
 * =7)} (nearest) then {@code AvgPool2d(kernel_size=stylegan_size // 32)}, and nothing else — no
 * [-1, 1] → [0, 1] shift, no mean/std normalization, unlike the NADA loss's preprocessing.
 *
 * <p>The reference's kernel size/32 yields 224 for any size ≥ 32; for a CLIP of input resolution r
 * the kernel is 7·size/r, which gives r. Where r does not divide 7·size the pooling is PyTorch's
 * AdaptiveAvgPool2d(r) of the upsampled image (the same as AvgPool2d wherever that fits).
 *
 * <p>Both steps are linear and separable, so they run as out = A·x·Aᵀ with A [r, size]; this
 * never builds the 7×-upsampled image (1.2 GB of float32 for a batch of two at 1024²).
 */
public final class MapperClipPreprocess {
    public static final int UPSAMPLE = 7;

    private final int size;
    private final int resolution;
    private final float[] matrix;

    public MapperClipPreprocess(int size, int resolution) {
        if (size < 1 || resolution < 1) {
            throw new IllegalArgumentException("sizes must be positive, got " + size + " → " + resolution);
        }
        this.size = size;
        this.resolution = resolution;
        this.matrix = poolMatrix(size, resolution);
    }

    /**
     * A[i, j] = the share of output pixel i's pooling window (in the upsampled image) covered by
     * the 7 copies of input pixel j. Windows are [⌊i·U/r⌋, ⌈(i+1)·U/r⌉), U = 7·size.
     */
    static float[] poolMatrix(int size, int resolution) {
        long up = (long) UPSAMPLE * size;
        float[] a = new float[resolution * size];
        for (int i = 0; i < resolution; i++) {
            long start = Math.floorDiv(i * up, resolution);
            long end = -Math.floorDiv(-(i + 1) * up, resolution);
            for (int j = 0; j < size; j++) {
                long overlap = Math.min(end, (long) UPSAMPLE * (j + 1)) - Math.max(start, (long) UPSAMPLE * j);
                if (overlap > 0) {
                    a[i * size + j] = (float) ((double) overlap / (end - start));
                }
            }
        }
        return a;
    }

    /** Generator output [B, 3, size, size] → CLIP input [B, 3, r, r]. */
    public NDArray apply(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(2) != size || s.get(3) != size) {
            throw new IllegalArgumentException("expected images [B, C, " + size + ", " + size + "], got " + s);
        }
        NDManager m = images.getManager();
        NDArray a = Ops.constant(m, matrix, new Shape(resolution, size));
        return a.matMul(images).matMul(a.transpose());
    }

    public int size() {
        return size;
    }

    public int resolution() {
        return resolution;
    }
}
