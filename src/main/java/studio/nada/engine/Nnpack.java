package studio.nada.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns PyTorch's NNPACK convolutions off, as {@code torch.backends.nnpack.set_flags(False)} does.
 * Where NNPACK does not know the CPU (AMD Zen 5 with libtorch 2.7.1), every convolution asks for it
 * and logs "Could not initialize NNPACK! Reason: Unsupported hardware." — thousands of lines a
 * run on the terminal. DJL exposes no switch, so the C++ setter is called through JNA. Off
 * everywhere, convolutions take the same kernels on every machine. Linux only (Itanium C++ names
 * and /proc/self/maps); elsewhere, or where the symbols are missing, nothing changes.
 */
public final class Nnpack {
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String ENABLED = "_ZNK2at7Context17userEnabledNNPACKEv";

    private Nnpack() {}

    /** Disables NNPACK in the loaded libtorch; returns whether it could (call after the engine started). */
    public static boolean disable() {
        return context().map(c -> {
            c.lib.getFunction(SET_ENABLED).invokeVoid(new Object[] {c.context, false});
            return true;
        }).orElse(false);
    }

    /** Whether NNPACK is on in the loaded libtorch; empty where that cannot be read. */
    public static Optional<Boolean> enabled() {
        return context().map(c -> (c.lib.getFunction(ENABLED).invokeInt(new Object[] {c.context}) & 0xff) != 0);
    }

    private record Context(NativeLibrary lib, Pointer context) {}

    private static Optional<Context> context() {
        try {
            Optional<Path> torch = loadedTorch();
            if (torch.isEmpty()) {
                return Optional.empty();
            }
            NativeLibrary lib = NativeLibrary.getInstance(torch.get().toString());
            Function global = lib.getFunction(GLOBAL_CONTEXT);
            return Optional.of(new Context(lib, global.invokePointer(new Object[0])));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // another libtorch build or platform: leave it as it is
        }
    }

    /** The libtorch_cpu this process has mapped (the one DJL loaded), from /proc/self/maps. */
    private static Optional<Path> loadedTorch() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.endsWith("/libtorch_cpu.so")).findFirst().map(Path::of);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
