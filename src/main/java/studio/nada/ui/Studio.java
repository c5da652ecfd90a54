package studio.nada.ui;

import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import studio.nada.engine.TensorEngine;
import studio.nada.engine.TensorThread;
import studio.nada.engine.ThreadPriority;
import studio.nada.ui.service.ModelSet;
import studio.nada.ui.service.SettingsStore;
import studio.nada.ui.service.TrainingService;
import studio.nada.ui.view.StudioView;
import studio.nada.ui.viewmodel.StudioViewModel;

/** The studio put together on a stage: tensor thread, service, view models, view. FX thread. */
public final class Studio implements AutoCloseable {
    private final TensorThread thread;
    private final TrainingService service;
    private final StudioViewModel viewModel;
    private final Scene scene;
    private final FxDispatch fx = new FxDispatch();
    private volatile int computeThreadsBefore;

    private Studio(Stage stage, SettingsStore settings, List<ModelSet> known) {
        TensorEngine.configureOffline();
        this.thread = new TensorThread("nada-tensor");
        thread.execute(() -> {
            // the FX thread must win a contended core: one core fewer for tensor work, at low priority
            computeThreadsBefore = TensorEngine.useComputeThreads(TensorEngine.coresBesidesOne());
            ThreadPriority.lowerCurrent(10);
        });
        this.service = new TrainingService(thread, fx);
        this.viewModel = new StudioViewModel(service, settings, known, fx);
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        this.scene = new Scene(StudioView.create(viewModel), Math.min(1320, screen.getWidth()),
                Math.min(860, screen.getHeight()));
        StudioView.installShortcuts(scene, viewModel);
        stage.setTitle("NADA Studio");
        stage.setScene(scene);
    }

    /** Builds the studio on {@code stage}, shows it and loads the first model set. */
    public static Studio open(Stage stage, SettingsStore settings, List<ModelSet> known) {
        Studio s = new Studio(stage, settings, known);
        stage.show();
        s.viewModel.start();
        return s;
    }

    public StudioViewModel viewModel() {
        return viewModel;
    }

    /** The dispatcher of results to the FX thread (it times its handlers). */
    public FxDispatch fxDispatch() {
        return fx;
    }

    public Scene scene() {
        return scene;
    }

    /** Saves the settings, stops a run (keeping its checkpoint) and frees the models. */
    @Override
    public void close() {
        viewModel.saveSettings();
        service.close();
        if (computeThreadsBefore > 0) {
            // MKL's thread count is process-wide: leave the process as the studio found it
            thread.submit(() -> TensorEngine.useComputeThreads(computeThreadsBefore)).join();
        }
        thread.close();
    }
}
