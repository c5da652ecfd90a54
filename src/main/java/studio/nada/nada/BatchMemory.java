package studio.nada.nada;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import studio.nada.clip.ClipConfig;
import studio.nada.stylegan.GeneratorConfig;

/**
 * How much memory one image of a training step needs at the least, to refuse a batch that
 * cannot fit before it is tried (a batch of 100000 otherwise grows until the machine swaps or
 * the OS kills the run). The estimate counts activations autograd keeps for the backward pass,
 * float32: for the trainable generator about 6 feature maps per StyledConv (modulated input,
 * convolution, noise, bias, activation; the measured count is higher, so this stays a lower
 * bound), and for each CLIP's vision transformer per block about 14 token maps of its width plus
 * twice the attention maps. Weights and the optimizer do not grow with the batch and are left out.
 */
public final class BatchMemory {
    private BatchMemory() {}

    public static long bytesPerImage(GeneratorConfig g, List<ClipConfig> clips) {
        long floats = 0;
        for (int r = 8; r <= g.size(); r *= 2) {
            floats += 2L * 6 * g.channels(r) * r * r;
        }
        for (ClipConfig c : clips) {
            long tokens = (long) (c.imageResolution() / c.visionPatchSize()) * (c.imageResolution() / c.visionPatchSize()) + 1;
            floats += c.visionLayers() * (14L * c.visionWidth() * tokens + 2L * c.visionHeads() * tokens * tokens);
            floats += 3L * c.imageResolution() * c.imageResolution() * 2; // the resized and normalized input
        }
        return floats * Float.BYTES;
    }

    /** Refuses a batch whose estimate exceeds {@code available} bytes, naming the numbers and a batch that fits. */
    public static void check(int batch, GeneratorConfig g, List<ClipConfig> clips, long available) {
        long per = bytesPerImage(g, clips);
        if ((double) per * batch > available) {
            long fits = Math.max(1, available / per);
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a batch of %d needs at least %s for this"
                    + " generator and CLIP (%s an image), more than the %s of memory here: use a batch of %d or less",
                    batch, size((double) per * batch), size(per), size(available), fits));
        }
    }

    /** Memory on {@code device}: the GPU's own, or the machine's physical memory for the CPU. */
    public static long available(Device device) {
        if (device.isGpu()) {
            try {
                return CudaUtils.getGpuMemory(device).getMax();
            } catch (RuntimeException | LinkageError e) {
                return Long.MAX_VALUE; // unknown: let the device say
            }
        }
        return physicalMemory();
    }

    /** The machine's physical memory (the CPU's tensors live there). */
    public static long physicalMemory() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : Long.MAX_VALUE;
    }

    static String size(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : bytes >= 1e6 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
    }
}
