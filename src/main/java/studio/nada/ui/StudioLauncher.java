package studio.nada.ui;

import javafx.application.Application;
import studio.nada.engine.TensorEngine;

/**
 * Starts the studio ({@code ./mvnw javafx:run}). Not an Application subclass, so the JavaFX
 * runtime can come from the class path; DJL's offline flags are set before anything loads it.
 */
public final class StudioLauncher {
    private StudioLauncher() {}

    public static void main(String[] args) {
        studio.nada.engine.MallocRelaunch.runInChildIfNeeded(args);
        TensorEngine.configureOffline();
        studio.nada.hub.Downloader.useSystemProxies();
        if (java.util.Arrays.asList(args).contains("--smoke-test")) {
            Application.launch(SmokeTestApp.class, args); // an installed build checks itself, then exits
            return;
        }
        Application.launch(StudioApp.class, args);
    }
}
