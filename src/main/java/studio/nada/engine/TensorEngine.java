package studio.nada.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Locale;

/**
 * The one place that starts DJL. Offline mode and tracking opt-out are set before the engine class
 * loads, because DJL otherwise downloads natives and probes a cloud metadata address at start.
 */
public final class TensorEngine {
    static {
        configureOffline();
        NativeMemory.tune();
    }

    private TensorEngine() {}

    /** Sets the flags every DJL run must have; safe to call many times. */
    public static void configureOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        NativeMemory.tune();
        // PyTorch's own thread pools: use the machine, not one core
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /**
     * Sets how many threads PyTorch's operators use when called from the current thread (OpenMP
     * keeps this per calling thread). The studio calls it on its tensor thread with one core
     * fewer than the machine has, so the FX thread always finds a free core: with every core
     * computing, JavaFX's layout passes waited 100+ ms for the scheduler on a 2-core machine.
     * Part of the setting (MKL's) is process-wide: restore the returned previous count when done.
     */
    public static int useComputeThreads(int threads) {
        get();
        int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(Math.max(1, threads));
        return before;
    }

    /**
     * Compute threads for work on a generator of {@code size} px: one up to {@value
     * #SMALL_GENERATOR_SIZE} px, whose operators are too small to share (a Shapes-world NADA step
     * took 0.12 s on one thread and 0.25 s on two, 2-core EPYC), else {@code available} (at 256 px
     * two threads are the faster: 7.2 against 7.5 s a step).
     */
    public static int computeThreadsFor(int size, int available) {
        return size <= SMALL_GENERATOR_SIZE ? 1 : Math.max(1, available);
    }

    /**
     * {@link #useComputeThreads} with the count {@link #computeThreadsFor} gives a generator of
     * {@code size} px from the current one; returns the previous count, to restore.
     */
    public static int useComputeThreadsFor(int size) {
        get();
        return useComputeThreads(computeThreadsFor(size, ai.djl.pytorch.jni.JniUtils.getNumThreads()));
    }

    /** Generators up to this size (px) run on one compute thread; see {@link #computeThreadsFor}. */
    public static final int SMALL_GENERATOR_SIZE = 64;

    /** Cores left for tensor work when one is kept for a user interface (at least 1). */
    public static int coresBesidesOne() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The PyTorch engine, started on first use (with NNPACK off, see {@link Nnpack}). */
    public static Engine get() {
        Engine engine = Engine.getEngine("PyTorch");
        if (!started) {
            synchronized (TensorEngine.class) {
                if (!started) {
                    Nnpack.disable();
                    started = true;
                }
            }
        }
        return engine;
    }

    private static volatile boolean started;

    /**
     * Chooses the device: an explicit name ("cpu", "cuda", "cuda:1", "gpu") wins; otherwise CUDA
     * when DJL sees a GPU, else CPU.
     */
    public static Device device(String explicit) {
        Engine engine = get();
        if (explicit == null || explicit.isBlank() || explicit.equalsIgnoreCase("auto")) {
            return engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
        String name = explicit.trim().toLowerCase(Locale.ROOT);
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        if (name.equals("cuda") || name.equals("gpu")) {
            requireGpu(engine, 0, explicit);
            return Device.gpu();
        }
        if (name.startsWith("cuda:") || name.startsWith("gpu:")) {
            int id;
            try {
                id = Integer.parseInt(name.substring(name.indexOf(':') + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Unknown device '" + explicit + "': use cpu, cuda or cuda:N");
            }
            if (id < 0) {
                throw new IllegalArgumentException("Device '" + explicit + "': N in cuda:N counts GPUs from 0"
                        + " (cuda:0 is the first); use cpu, cuda or cuda:N");
            }
            requireGpu(engine, id, explicit);
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("Unknown device '" + explicit + "': use cpu, cuda or cuda:N");
    }

    private static void requireGpu(Engine engine, int id, String asked) {
        if (engine.getGpuCount() <= id) {
            throw new IllegalArgumentException("Device '" + asked + "' asked for, but DJL sees "
                    + engine.getGpuCount() + " GPU(s); use --device cpu");
        }
    }

    /** Seeds the engine's random generator (used only where a test does not inject draws). */
    public static void seed(long seed) {
        get().setRandomSeed((int) seed);
    }

    /** A new root manager on the device; close it when the models it holds are done. */
    public static NDManager newManager(Device device) {
        return get().newBaseManager(device);
    }
}
