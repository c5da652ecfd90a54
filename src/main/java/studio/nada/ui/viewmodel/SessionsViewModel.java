package studio.nada.ui.viewmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.nada.ui.service.TrainingService;

/**
 * Sessions: each run writes into its own folder (checkpoint, generator.pt/.safetensors, run.json,
 * samples); the recent ones are listed and can be reopened, which shows their adapted generator
 * beside the frozen one.
 */
public final class SessionsViewModel {
    private static final int KEEP = 10;
    private final TrainingService service;
    private final Path folder;
    private final Notices notices;
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private Consumer<Path> onOpened = p -> {};
    private Restorer restorer;
    /** Writes session.json files in order, off the FX thread; reads wait for the writes queued before them. */
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "session-writer");
        t.setDaemon(true);
        return t;
    });

    /** Puts a session's model set, prompt, settings and history back, then runs {@code then}. */
    @FunctionalInterface
    public interface Restorer {
        void restore(Path dir, SessionFiles.Saved saved, Runnable then);
    }

    /** A session as the menu lists it: the prompt, the model set and how far it got, with a thumbnail. */
    public record Entry(Path dir, String title, String detail, Path thumbnail, boolean unfinished) {}

    public SessionsViewModel(TrainingService service, Path folder, Notices notices) {
        this.service = service;
        this.folder = folder;
        this.notices = notices;
    }

    /** Where sessions are written: "Open session folder…" starts there. */
    public Path folder() {
        return folder;
    }

    public ObservableList<Path> recent() {
        return recent;
    }

    public void setRestorer(Restorer r) {
        this.restorer = r;
    }

    private Consumer<Path> onContinue = p -> {};

    public void setOnContinue(Consumer<Path> callback) {
        this.onContinue = callback;
    }

    /** Continues an unfinished session from its last checkpoint (restoring it first). */
    public void continueSession(Path dir) {
        onContinue.accept(dir);
    }

    /**
     * The sessions to offer, newest first: those in the sessions folder (a run cut by closing the
     * window included) and the recently opened ones elsewhere. Reads small files: call it when the
     * menu opens.
     */
    public List<Entry> entries() {
        awaitSaves();
        java.util.LinkedHashSet<Path> dirs = new java.util.LinkedHashSet<>(SessionFiles.list(folder, KEEP));
        dirs.addAll(recent);
        List<Entry> out = new java.util.ArrayList<>();
        for (Path d : dirs) {
            SessionFiles.Saved s = readQuietly(d, null);
            int done = s == null || s.loss().isEmpty() ? 0 : s.loss().get(s.loss().size() - 1).iteration();
            boolean finished = Files.isRegularFile(d.resolve("generator.pt"));
            boolean unfinished = s != null && done < s.iterations() && Files.isRegularFile(d.resolve("checkpoint.pt"));
            String title = s == null ? d.getFileName().toString()
                    : "\u201c" + s.config().source() + "\u201d \u2192 \u201c" + s.config().target() + "\u201d";
            String detail = s == null ? "adapted generator" : s.modelSet() + " \u00b7 " + done + "/" + s.iterations()
                    + (unfinished ? (finished ? " \u00b7 stopped" : " \u00b7 cut off") : "");
            out.add(new Entry(d, title, detail, thumbnail(d), unfinished));
        }
        return out;
    }

    private static Path thumbnail(Path dir) {
        Path fin = dir.resolve("samples/final.png");
        if (Files.isRegularFile(fin)) {
            return fin;
        }
        try (var s = Files.list(dir.resolve("samples"))) {
            return s.filter(p -> p.getFileName().toString().matches("iter_\\d+\\.png")).max(java.util.Comparator
                    .comparing(p -> p.getFileName().toString())).orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Writes {@code dir}'s session.json off the FX thread (a folder removed meanwhile is left alone). */
    void save(Path dir, SessionFiles.Saved s) {
        writer.execute(() -> {
            try {
                if (Files.isDirectory(dir)) {
                    SessionFiles.write(dir, s);
                }
            } catch (java.io.IOException e) {
                System.getLogger("studio").log(System.Logger.Level.WARNING, "session not saved: " + e.getMessage());
            }
        });
    }

    /**
     * Waits (a few seconds at most) for the session writes queued so far: a run just stopped has its
     * last history still on the way to disk, and reopening or continuing it must read that, not the
     * one written ten iterations earlier.
     */
    private void awaitSaves() {
        try {
            writer.submit(() -> {}).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.getLogger("studio").log(System.Logger.Level.WARNING, "session writes still pending: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code dir}'s session file once the writes before it are done, or null (a damaged one is a notice). */
    SessionFiles.Saved read(Path dir) {
        awaitSaves();
        return readQuietly(dir, notices);
    }

    /** The session file of {@code dir}, or null (a damaged one is a notice when {@code notices} is given). */
    static SessionFiles.Saved readQuietly(Path dir, Notices notices) {
        try {
            return SessionFiles.read(dir);
        } catch (java.io.IOException | RuntimeException e) {
            if (notices != null) {
                notices.post(Notice.error("Cannot reopen the session", dir + ": its session.json cannot be read ("
                        + e.getMessage() + ")"));
            }
            return null;
        }
    }

    /** Called on the FX thread with the session folder once it is open (previews refresh then). */
    public void setOnOpened(Consumer<Path> callback) {
        this.onOpened = callback;
    }

    public void load(List<String> paths) {
        recent.setAll(paths.stream().map(Path::of).filter(Files::isDirectory).limit(KEEP).toList());
    }

    public List<String> toSettings() {
        return recent.stream().map(Path::toString).toList();
    }

    Path newSessionFolder(String name) {
        return folder.resolve(name);
    }

    /** Puts a finished session first in the list. */
    public void remember(Path dir) {
        recent.remove(dir);
        recent.add(0, dir);
        if (recent.size() > KEEP) {
            recent.remove(KEEP, recent.size());
        }
    }

    /** Opens a session folder (its generator.pt) or an adapted generator file. */
    public void open(Path path, java.util.concurrent.Executor fx) {
        awaitSaves();
        SessionFiles.Saved saved = Files.isDirectory(path) && Files.isRegularFile(path.resolve(SessionFiles.FILE))
                ? readQuietly(path, notices) : null;
        if (saved != null && restorer != null) {
            restorer.restore(path, saved, () -> {
                if (Files.isRegularFile(path.resolve("generator.pt"))) {
                    openAdapted(path, fx);
                } else {
                    remember(path);
                    onOpened.accept(path);
                    notices.post(Notice.info("An unfinished session", "It was cut off before it saved its generator:"
                            + " Sessions \u25b8 Continue finishes it from its last checkpoint."));
                }
            });
            return;
        }
        openAdapted(path, fx);
    }

    private void openAdapted(Path path, java.util.concurrent.Executor fx) {
        Path file = Files.isDirectory(path) ? path.resolve("generator.pt") : path;
        if (!Files.isRegularFile(file)) {
            notices.post(Notice.error("Cannot open the session", path + " holds no adapted generator (generator.pt)."));
            return;
        }
        service.openAdapted(file).whenCompleteAsync((ok, e) -> {
            if (e != null) {
                Throwable cause = Notice.cause(e);
                notices.post(Notice.error("Cannot open the session", cause.getMessage()));
            } else {
                if (Files.isDirectory(path)) {
                    remember(path);
                }
                onOpened.accept(path);
            }
        }, fx);
    }
}
