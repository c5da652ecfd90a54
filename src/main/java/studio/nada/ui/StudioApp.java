package studio.nada.ui;

import javafx.application.Application;
import javafx.stage.Stage;
import studio.nada.ui.service.DefaultModels;
import studio.nada.ui.service.SettingsStore;

/** The JavaFX application; started by {@link StudioLauncher}. */
public final class StudioApp extends Application {
    private Studio studio;

    @Override
    public void start(Stage stage) {
        studio = Studio.open(stage, SettingsStore.forUser(), DefaultModels.known());
    }

    @Override
    public void stop() {
        if (studio != null) {
            studio.close();
        }
    }
}
