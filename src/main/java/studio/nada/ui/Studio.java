package studio.nada.ui;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.stage.Stage;
import studio.nada.engine.TensorEngine;
import studio.nada.engine.TensorThread;
import studio.nada.engine.ThreadPriority;
import studio.nada.hub.ModelCache;
import studio.nada.ui.service.HubLoader;
import studio.nada.ui.service.ModelSet;
import studio.nada.ui.service.SettingsStore;
import studio.nada.ui.service.TrainingService;
import studio.nada.ui.view.StudioView;
import studio.nada.ui.viewmodel.ModelManagerViewModel;
import studio.nada.ui.viewmodel.StudioViewModel;

/**
 * The studio put together on a stage: tensor thread, service, model hub, view models, view. FX
 * thread. Downloads run on their own daemon threads, never on the FX or the tensor thread.
 */
public final class Studio implements AutoCloseable {
    private final TensorThread thread;
    private final TrainingService service;
    private final StudioViewModel viewModel;
    private final ModelManagerViewModel manager;
    private final ExecutorService downloads = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "model-download-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    private final Scene scene;
    private final FxDispatch fx = new FxDispatch();
    private volatile int computeThreadsBefore;

    private Studio(Stage stage, SettingsStore settings, List<ModelSet> known, ModelCache cache) {
        TensorEngine.configureOffline();
        this.thread = new TensorThread("nada-tensor");
        thread.execute(() -> {
            // the FX thread must win a contended core: one core fewer for tensor work, at low priority
            computeThreadsBefore = TensorEngine.useComputeThreads(TensorEngine.coresBesidesOne());
            ThreadPriority.lowerCurrent(10);
        });
        this.service = new TrainingService(thread, fx);
        this.viewModel = new StudioViewModel(service, settings, known, fx);
        HubLoader.Opened hub = HubLoader.open(cache);
        this.manager = new ModelManagerViewModel(hub.hub(), hub.problem(), viewModel.models(), viewModel.notices(), fx,
                downloads);
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        this.scene = new Scene(StudioView.create(viewModel, manager), Math.min(1320, screen.getWidth()),
                Math.min(860, screen.getHeight()));
        StudioView.installShortcuts(scene, viewModel);
        StudioView.confirmCloseDuringRun(stage, viewModel);
        stage.setTitle("NADA Studio");
        stage.setScene(scene);
    }

    /** Builds the studio on {@code stage} with the user's model cache, shows it and loads the first model set. */
    public static Studio open(Stage stage, SettingsStore settings, List<ModelSet> known) {
        return open(stage, settings, known, ModelCache.standard());
    }

    /** The same with the models of {@code cache}. */
    public static Studio open(Stage stage, SettingsStore settings, List<ModelSet> known, ModelCache cache) {
        Studio s = new Studio(stage, settings, known, cache);
        stage.show();
        s.viewModel.start();
        s.manager.start();
        return s;
    }

    public StudioViewModel viewModel() {
        return viewModel;
    }

    public ModelManagerViewModel modelManager() {
        return manager;
    }

    /** The dispatcher of results to the FX thread (it times its handlers). */
    public FxDispatch fxDispatch() {
        return fx;
    }

    public Scene scene() {
        return scene;
    }

    /** Saves the settings, stops downloads and a run (keeping their bytes and checkpoint) and frees the models. */
    @Override
    public void close() {
        viewModel.saveSettings();
        manager.close();
        downloads.shutdown();
        service.close();
        if (computeThreadsBefore > 0) {
            // MKL's thread count is process-wide: leave the process as the studio found it
            thread.submit(() -> TensorEngine.useComputeThreads(computeThreadsBefore)).join();
        }
        thread.close();
    }
}
