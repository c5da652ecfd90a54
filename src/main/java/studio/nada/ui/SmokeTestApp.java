package studio.nada.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.nada.ui.service.DefaultModels;
import studio.nada.ui.service.SettingsStore;
import studio.nada.ui.viewmodel.Notice;

/**
 * {@code nada-studio --smoke-test}: opens the studio as a user would, waits for the built-in
 * models to load and the first previews to render, then exits 0; an error notice, or nothing
 * after two minutes, exits 1. It proves an installed build (runtime, JavaFX, DJL natives) works;
 * settings go to a throw-away folder, so the user's are untouched.
 */
public final class SmokeTestApp extends Application {
    private static final long TIMEOUT_MS = 120_000;
    private static final Logger LOG = LoggerFactory.getLogger(SmokeTestApp.class);
    private Studio studio;

    @Override
    public void start(Stage stage) throws Exception {
        Path settings = Files.createTempDirectory("nada-smoke");
        studio = Studio.open(stage, new SettingsStore(settings), DefaultModels.known(),
                new studio.nada.hub.ModelCache(settings.resolve("cache")));
        var vm = studio.viewModel();
        vm.notices().all().addListener((ListChangeListener<Notice>) c -> {
            while (c.next()) {
                for (Notice n : c.getAddedSubList()) {
                    if (n.kind() == Notice.Kind.ERROR) {
                        finish(1, "error: " + n.title() + ": " + n.text());
                    }
                }
            }
        });
        vm.preview().cellsProperty().addListener((o, a, cells) -> {
            if (cells != null && !cells.isEmpty() && cells.get(0).frozen() != null) {
                finish(0, "smoke test passed: " + vm.models().currentProperty().get() + ", " + cells.size()
                        + " previews rendered");
            }
        });
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(TIMEOUT_MS);
                Platform.runLater(() -> finish(1, "smoke test failed: no preview after " + TIMEOUT_MS / 1000 + " s"));
            } catch (InterruptedException ignored) {
                // the test ended first
            }
        }, "smoke-timeout");
        timer.setDaemon(true);
        timer.start();
    }

    private void finish(int code, String message) {
        // the logger writes to stderr at warn and above (simplelogger.properties): the result is seen
        if (code == 0) {
            LOG.warn(message);
        } else {
            LOG.error(message);
        }
        if (studio != null) {
            studio.close();
        }
        Platform.exit();
        System.exit(code);
    }
}
