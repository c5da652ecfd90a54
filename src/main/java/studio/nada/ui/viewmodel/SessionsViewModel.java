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
        Path file = Files.isDirectory(path) ? path.resolve("generator.pt") : path;
        if (!Files.isRegularFile(file)) {
            notices.post(Notice.error("Cannot open the session", path + " holds no adapted generator (generator.pt)."));
            return;
        }
        service.openAdapted(file).whenCompleteAsync((ok, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
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
