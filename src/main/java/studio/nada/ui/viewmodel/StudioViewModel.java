package studio.nada.ui.viewmodel;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import studio.nada.ui.service.ExportService;
import studio.nada.ui.service.PhotoService;
import studio.nada.ui.service.ModelSet;
import studio.nada.ui.service.Settings;
import studio.nada.ui.service.SettingsStore;
import studio.nada.ui.service.TrainingService;

/** The studio's view models, wired together; settings are read at start and written on exit. */
public final class StudioViewModel {
    private final TrainingService service;
    private final SettingsStore store;
    private final Notices notices = new Notices();
    private final PromptViewModel prompt = new PromptViewModel();
    private final AdvancedSettingsViewModel advanced = new AdvancedSettingsViewModel();
    private final LayerMapViewModel layerMap = new LayerMapViewModel();
    private final PreviewViewModel preview;
    private final SessionsViewModel sessions;
    private final ModelPickerViewModel models;
    private final RunViewModel run;
    private final ExportViewModel export;
    private final PhotosViewModel photos;
    private Runnable pendingRestore;

    /** @param fx runs work on the FX thread (Platform::runLater; a direct executor in tests) */
    public StudioViewModel(TrainingService service, SettingsStore store, List<ModelSet> known, Executor fx) {
        this.service = service;
        this.store = store;
        this.preview = new PreviewViewModel(service, notices);
        this.sessions = new SessionsViewModel(service, store.sessionsFolder(), notices);
        this.models = new ModelPickerViewModel(service, known, notices, fx);
        this.run = new RunViewModel(service, prompt, advanced, preview, layerMap, sessions, notices);
        this.export = new ExportViewModel(new ExportService(service), notices, fx, defaultExportFolder());
        this.photos = new PhotosViewModel(new PhotoService(service), notices, fx);
        run.stateProperty().addListener((o, a, b) -> {
            if (a != null && a.active() && !b.active()) {
                photos.retranslate(); // the run's generator is the photos' first domain
            }
        });
        // a suggestion may carry its own settings (a kind change its iterations and batch)
        prompt.sourceProperty().addListener((o, a, b) -> advanced.promptChanged(b, prompt.targetProperty().get()));
        prompt.targetProperty().addListener((o, a, b) -> advanced.promptChanged(prompt.sourceProperty().get(), b));
        advanced.promptChanged(prompt.sourceProperty().get(), prompt.targetProperty().get());
        models.setOnLoaded(set -> {
            // the set's own settings and prompt, over whatever fitted the previous generator
            prompt.recommendationChanged(set.recommended());
            advanced.apply(set.recommended());
            // the map and chart told of the previous generator's run
            layerMap.clear();
            preview.refresh();
            photos.modelsChanged();
            Runnable pending = pendingRestore;
            pendingRestore = null;
            if (pending != null) {
                pending.run(); // a session of this model set was being reopened
            }
        });
        sessions.setOnOpened(p -> {
            if (!java.nio.file.Files.isRegularFile(p.resolve(SessionFiles.FILE))) {
                layerMap.clear(); // a bare generator file: no map or chart comes with it
            }
            preview.refresh();
            photos.retranslate();
        });
        sessions.setRestorer(this::restore);
        sessions.setOnContinue(this::continueSession);
        load(store.load());
    }

    /**
     * Reopens a session whole: its model set (switching to it first when another is loaded), the
     * prompt, every setting, the preview's seeds, the layer map and the charts; then {@code then}
     * shows its adapted generator. A session of a model set this studio does not have is told.
     */
    private void restore(java.nio.file.Path dir, SessionFiles.Saved s, Runnable then) {
        ModelSet current = models.currentProperty().get();
        if (current == null || !current.name().equals(s.modelSet())) {
            ModelSet known = models.sets().stream().filter(m -> m.name().equals(s.modelSet())).findFirst().orElse(null);
            if (known == null) {
                notices.post(Notice.error("Cannot reopen the session", "It ran on \"" + s.modelSet() + "\" ("
                        + s.generator() + "), which is not among the model sets here: open that generator first."));
                return;
            }
            pendingRestore = () -> restore(dir, s, then);
            models.select(known);
            return;
        }
        prompt.sourceProperty().set(s.config().source());
        prompt.targetProperty().set(s.config().target());
        advanced.iterationsProperty().set(s.config().iterations());
        advanced.batchProperty().set(s.config().batch());
        advanced.lrProperty().set(s.config().lr());
        advanced.layersKProperty().set(s.config().layersK());
        advanced.layerMappingProperty().set(s.config().layerMapping());
        advanced.autoLayerItersProperty().set(s.config().autoLayerIters());
        advanced.phaseProperty().set(s.config().phase());
        advanced.mixingProperty().set(s.config().mixing());
        advanced.seedProperty().set(s.config().seed());
        advanced.clipWeightsProperty().set(s.clipWeights().stream().map(studio.nada.nada.RecommendedSettings::number)
                .collect(java.util.stream.Collectors.joining(", ")));
        preview.seedsProperty().set(s.seeds());
        preview.truncationProperty().set(s.truncation());
        layerMap.trains(s.config());
        layerMap.restore(s.nLatent(), s.iterations(), s.columns(), s.loss(), s.changes());
        then.run();
    }

    /** Continues an unfinished session (restored first, on its model set). */
    public void continueSession(java.nio.file.Path dir) {
        SessionFiles.Saved s = sessions.read(dir);
        if (s != null) {
            restore(dir, s, () -> run.continueRun(dir, s));
        }
    }

    /** ~/Pictures/NADA Studio where there is a Pictures folder, else ~/NADA Studio exports. */
    private static java.nio.file.Path defaultExportFolder() {
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("user.home"));
        java.nio.file.Path pictures = home.resolve("Pictures");
        return java.nio.file.Files.isDirectory(pictures) ? pictures.resolve("NADA Studio")
                : home.resolve("NADA Studio exports");
    }

    /** Loads the first known model set, the default (or says there is none). */
    public void start() {
        ModelSet first = models.sets().isEmpty() ? null : models.sets().get(0);
        if (first == null) {
            notices.post(Notice.warning("No models", "No built-in models were found: open a generator and a CLIP model."));
            return;
        }
        models.select(first);
    }

    private void load(Settings s) {
        advanced.load(s);
        preview.truncationProperty().set(s.truncation());
        preview.seedsProperty().set(s.seeds());
        sessions.load(s.recentSessions());
        if (s.exportFolder() != null) {
            export.folderProperty().set(java.nio.file.Path.of(s.exportFolder()));
        }
    }

    public Settings snapshot() {
        return new Settings(advanced.seedProperty().get(), advanced.previewEveryProperty().get(),
                advanced.checkpointEveryProperty().get(), preview.truncationProperty().get(),
                preview.seedsProperty().get(), sessions.toSettings(),
                export.folderProperty().get() == null ? null : export.folderProperty().get().toString());
    }

    /** Writes settings.json (atomically); a failure becomes a notice. */
    public void saveSettings() {
        try {
            store.save(snapshot());
        } catch (IOException e) {
            notices.post(Notice.warning("Settings not saved", "Could not write " + store.home() + ": " + e.getMessage()));
        }
    }

    public TrainingService service() {
        return service;
    }

    public Notices notices() {
        return notices;
    }

    public PromptViewModel prompt() {
        return prompt;
    }

    public AdvancedSettingsViewModel advanced() {
        return advanced;
    }

    public LayerMapViewModel layerMap() {
        return layerMap;
    }

    public PreviewViewModel preview() {
        return preview;
    }

    public SessionsViewModel sessions() {
        return sessions;
    }

    public ModelPickerViewModel models() {
        return models;
    }

    public RunViewModel run() {
        return run;
    }

    public PhotosViewModel photos() {
        return photos;
    }

    public ExportViewModel export() {
        return export;
    }

    /** The export dialog's state, seeded with what the previews show now. */
    public ExportViewModel prepareExport() {
        export.seedsProperty().set(preview.seedsProperty().get());
        export.truncationProperty().set(preview.truncationProperty().get());
        export.strengthProperty().set(preview.strengthProperty().get());
        export.refresh();
        return export;
    }
}
