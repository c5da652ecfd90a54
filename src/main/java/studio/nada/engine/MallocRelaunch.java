package studio.nada.engine;

import com.sun.jna.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs the program again, once, with {@code MALLOC_ARENA_MAX=1} in its environment, where glibc
 * reads it only at process start ({@link NativeMemory} says why it matters: a 256 px NADA step
 * took 7.0 s without it and 4.3 s with it). The parent only waits and passes on the exit code; the
 * child dies with it (a parent killed with kill -9 takes the child along, as a single process
 * would go), and a parent asked to stop asks the child to stop and waits for it, so a run's
 * shutdown work (a checkpoint) still happens. Skipped off Linux, when the variable is already set,
 * with {@code -Dnada.relaunch=false}, or when the command line cannot be read back.
 */
public final class MallocRelaunch {
    static final String MARK = "NADA_STUDIO_RELAUNCHED";
    private static final int PR_SET_PDEATHSIG = 1;
    private static final int SIGKILL = 9;

    private MallocRelaunch() {}

    /**
     * Runs the program in a child with the environment it wants and exits with the child's exit
     * code; returns when this process should go on and run it itself.
     */
    public static void runInChildIfNeeded(String[] args) {
        OptionalInt code = runChildIfNeeded(args);
        if (code.isPresent()) {
            System.exit(code.getAsInt());
        }
    }

    static OptionalInt runChildIfNeeded(String[] args) {
        if (!Platform.isLinux() || "false".equals(System.getProperty("nada.relaunch"))) {
            return OptionalInt.empty();
        }
        if (System.getenv("MALLOC_ARENA_MAX") != null) {
            if (System.getenv(MARK) != null) {
                dieWithParent();
            }
            return OptionalInt.empty();
        }
        List<String> line = commandLine(args);
        if (line.isEmpty()) {
            return OptionalInt.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(line).inheritIO();
        restoreLibraryPath(pb.environment());
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        pb.environment().put(MARK, "1");
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            return OptionalInt.empty(); // run here: only slower
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "nada-relaunch-stop"));
        while (true) {
            try {
                return OptionalInt.of(child.waitFor());
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the program ends
            }
        }
    }

    /**
     * How this process was started: an installed app's launcher (jpackage names it in
     * {@code jpackage.app-path}; it builds the JVM's own options) with the program's arguments, or
     * the {@code java} command line exactly as given. Empty when it cannot be read.
     */
    static List<String> commandLine(String[] args) {
        List<String> line = new ArrayList<>();
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null) {
            line.add(launcher);
            line.addAll(List.of(args));
            return line;
        }
        // /proc, not ProcessHandle.Info: the JDK reads only the first page of a command line, and the
        // studio's own javafx:run line (module path and all) is longer
        String[] argv;
        String command;
        try {
            argv = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).split("\0");
            command = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return List.of();
        }
        if (argv.length < 2 || !java.nio.file.Path.of(command).getFileName().toString().equals("java")) {
            return List.of(); // an unknown launcher: its arguments may not be the JVM's
        }
        line.add(command);
        line.addAll(List.of(argv).subList(1, argv.length));
        return line;
    }

    /**
     * An installed app's launcher puts its own lib/app folder on {@code LD_LIBRARY_PATH} and
     * re-executes itself; started again with that folder already there, it takes itself for the
     * second stage and reads the program's arguments as the JVM's. The child gets the path as the
     * user had it.
     */
    static void restoreLibraryPath(java.util.Map<String, String> env) {
        String launcher = System.getProperty("jpackage.app-path");
        String path = env.get("LD_LIBRARY_PATH");
        if (launcher == null || path == null) {
            return;
        }
        java.nio.file.Path appLib = java.nio.file.Path.of(launcher).toAbsolutePath().getParent().resolveSibling("lib")
                .resolve("app").normalize();
        String kept = java.util.Arrays.stream(path.split(":"))
                .filter(p -> !p.isEmpty() && !java.nio.file.Path.of(p).toAbsolutePath().normalize().equals(appLib))
                .collect(java.util.stream.Collectors.joining(":"));
        if (kept.isEmpty()) {
            env.remove("LD_LIBRARY_PATH");
        } else {
            env.put("LD_LIBRARY_PATH", kept);
        }
    }

    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            child.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kernel kills this process when its parent dies; if the parent is already gone, stop now. */
    private static void dieWithParent() {
        try {
            LibC.instance().prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        } catch (Throwable e) {
            return; // without prctl a killed parent leaves the run going, as before the relaunch
        }
        if (ProcessHandle.current().parent().map(p -> !p.isAlive()).orElse(true)) {
            Runtime.getRuntime().halt(137);
        }
    }
}
