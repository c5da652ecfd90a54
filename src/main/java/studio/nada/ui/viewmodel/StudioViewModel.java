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
        models.setOnLoaded(set -> {
            // the set's own settings and prompt, over whatever fitted the previous generator
            prompt.recommendationChanged(set.recommended());
            advanced.apply(set.recommended());
            // the map and chart told of the previous generator's run
            layerMap.clear();
            preview.refresh();
        });
        sessions.setOnOpened(p -> {
            layerMap.clear();
            preview.refresh();
            photos.modelsChanged();
        });
        sessions.setOnOpened(p -> {
            preview.refresh();
            photos.retranslate();
        });
        load(store.load());
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
