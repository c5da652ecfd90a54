package studio.nada.ui.viewmodel;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.RunOptions;
import studio.nada.nada.TrainingEvent;
import studio.nada.ui.service.TrainingService;

/** Adapt / Pause / Resume / Stop, the run's state, progress, ETA; feeds the layer map and the chart. */
public final class RunViewModel {
    public enum State { IDLE, RUNNING, PAUSED, STOPPING, FINISHED, FAILED;
        public boolean active() {
            return this == RUNNING || this == PAUSED || this == STOPPING;
        }
    }

    private final TrainingService service;
    private final PromptViewModel prompt;
    private final AdvancedSettingsViewModel settings;
    private final PreviewViewModel preview;
    private final LayerMapViewModel layerMap;
    private final SessionsViewModel sessions;
    private final Notices notices;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    /** The session being written: what it ran on and with, for session.json (FX thread). */
    private SessionFiles.Saved running;
    private java.nio.file.Path runningDir;
    private boolean resuming;
    /** When Adapt was pressed, and the time spent paused since: a finished run says how long it took. */
    private long begunNanos;
    private long pausedNanos;
    private long pausedAt = -1;

    public RunViewModel(TrainingService service, PromptViewModel prompt, AdvancedSettingsViewModel settings,
            PreviewViewModel preview, LayerMapViewModel layerMap, SessionsViewModel sessions, Notices notices) {
        this.service = service;
        this.prompt = prompt;
        this.settings = settings;
        this.preview = preview;
        this.layerMap = layerMap;
        this.sessions = sessions;
        this.notices = notices;
        state.addListener((o, a, b) -> settings.setLocked(b.active()));
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /**
     * 0..1; 0 while the run is set up. Not indeterminate: drawn in software (a VM, a remote
     * desktop), its animation took most of a 2-core machine: Adapt to the end of step 1 took 17 s, not 4 s.
     */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    /** Starts an adaptation; with a problem (empty prompt, bad setting, no models) posts a notice and starts nothing. */
    public boolean adapt() {
        if (state.get().active()) {
            return false;
        }
        String problem = prompt.problem();
        if (problem != null) {
            notices.post(Notice.warning("Nothing to adapt", problem));
            return false;
        }
        try {
            NadaConfig config = settings.toConfig(prompt.sourceProperty().get(), prompt.targetProperty().get());
            List<Double> weights = settings.parsedClipWeights();
            if (service.currentModels() == null) {
                throw new IllegalStateException("No models are loaded: pick a model set or open a generator and a CLIP model.");
            }
            var view = preview.request();
            RunOptions options = new RunOptions(sessions.newSessionFolder(folderName(config)),
                    settings.checkpointEveryProperty().get(), settings.previewEveryProperty().get(), view.seeds(),
                    view.truncation(), null, null, service.currentModels().generator().describe());
            layerMap.reset(0, config.iterations());
            begin(options, new SessionFiles.Saved(service.currentModels().name(),
                    service.currentModels().generator().describe(), config, weights, preview.seedsProperty().get(),
                    view.truncation(), 0, config.iterations(), List.of(), List.of(), List.of()), false);
            service.start(config, weights, List.copyOf(prompt.styleImages()), options, this::onEvent);
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return notStarted("Cannot adapt", e);
        }
    }

    /** Back to idle after a run could not start; always false, for the caller to return. */
    private boolean notStarted(String title, RuntimeException e) {
        state.set(State.IDLE);
        progress.set(0);
        status.set("Ready");
        notices.post(Notice.error(title, e.getMessage()));
        return false;
    }

    private void begin(RunOptions options, SessionFiles.Saved saved, boolean resume) {
        running = saved;
        runningDir = options.outDir();
        resuming = resume;
        begunNanos = System.nanoTime();
        pausedNanos = 0;
        pausedAt = -1;
        progress.set(0);
        status.set(resume ? "Continuing…" : "Setting up…");
        eta.set("");
        state.set(State.RUNNING);
    }

    /**
     * Continues a session a run left unfinished (stopped, or cut by closing the window) from its
     * last checkpoint, in its own folder, with its own settings; the map and charts go on from
     * where they were.
     */
    public boolean continueRun(java.nio.file.Path dir, SessionFiles.Saved saved) {
        if (state.get().active()) {
            return false;
        }
        java.nio.file.Path checkpoint = RunOptions.checkpointFile(dir);
        if (!java.nio.file.Files.isRegularFile(checkpoint)) {
            notices.post(Notice.error("Cannot continue", dir + " has no checkpoint to continue from."));
            return false;
        }
        try {
            if (service.currentModels() == null) {
                throw new IllegalStateException("No models are loaded.");
            }
            var view = preview.request();
            RunOptions options = new RunOptions(dir, settings.checkpointEveryProperty().get(),
                    settings.previewEveryProperty().get(), view.seeds(), view.truncation(), null, null,
                    service.currentModels().generator().describe()).withResume(checkpoint);
            begin(options, saved, true);
            service.start(saved.config(), saved.clipWeights(), List.of(), options, this::onEvent);
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return notStarted("Cannot continue", e);
        }
    }

    /** Writes session.json of the run under way (its history so far), off the FX thread. */
    private void saveSession() {
        if (running == null || runningDir == null) {
            return;
        }
        SessionFiles.Saved s = new SessionFiles.Saved(running.modelSet(), running.generator(), running.config(),
                running.clipWeights(), running.seeds(), running.truncation(), layerMap.nLatentProperty().get(),
                running.iterations(), List.copyOf(layerMap.columns()), List.copyOf(layerMap.loss()),
                List.copyOf(layerMap.changes()));
        sessions.save(runningDir, s);
    }

    /**
     * What to ask before the window closes: null when no run is going, else the question (closing
     * stops the run; its last checkpoint is kept either way).
     */
    public String closeQuestion() {
        if (!state.get().active()) {
            return null;
        }
        return "A run is going" + (progress.get() > 0 ? String.format(Locale.ROOT, " (%.0f%% done)", 100 * progress.get()) : "")
                + ". Quit anyway? The run stops; its last checkpoint is kept either way.";
    }

    public void pause() {
        if (state.get() == State.RUNNING) {
            service.pause();
            status.set("Pausing…");
        }
    }

    public void resume() {
        if (state.get() == State.PAUSED) {
            service.resume();
        }
    }

    public void stop() {
        if (state.get().active()) {
            state.set(State.STOPPING);
            status.set("Stopping (saving a checkpoint and the generator)…");
            service.stop();
        }
    }

    private void onEvent(TrainingEvent e) {
        if (e instanceof TrainingEvent.Started s) {
            if (resuming) {
                layerMap.truncate(s.iteration()); // the steps after the checkpoint are run again
            } else {
                layerMap.reset(s.nLatent(), s.config().iterations());
            }
            layerMap.trains(s.config());
            status.set(String.format(Locale.ROOT, "Adapting \"%s\" → \"%s\"", s.config().source(), s.config().target()));
        } else if (e instanceof TrainingEvent.Step s) {
            progress.set((double) s.result().iteration() / s.total());
            if (state.get() == State.RUNNING) {
                status.set(String.format(Locale.ROOT, "Iteration %d / %d  ·  loss %.4f  ·  similarity %.3f",
                        s.result().iteration(), s.total(), s.result().loss(), s.result().targetSimilarity()));
            }
            eta.set(formatEta(s.etaSeconds()));
            layerMap.add(s.result());
            if (s.result().iteration() % 10 == 0) {
                saveSession(); // a run cut by closing the window reopens with its history
            }
        } else if (e instanceof TrainingEvent.LayerChange c) {
            layerMap.addChange(c.iteration(), c.relative());
        } else if (e instanceof TrainingEvent.Paused p) {
            state.set(State.PAUSED);
            pausedAt = System.nanoTime();
            status.set("Paused at iteration " + p.iteration());
        } else if (e instanceof TrainingEvent.Resumed r) {
            state.set(State.RUNNING);
            if (pausedAt >= 0) {
                pausedNanos += System.nanoTime() - pausedAt;
                pausedAt = -1;
            }
            status.set("Resumed at iteration " + r.iteration());
        } else if (e instanceof TrainingEvent.Finished f) {
            state.set(State.FINISHED);
            status.set((f.completed() ? "Finished" : "Stopped") + " after " + f.iteration() + " iterations in "
                    + formatDuration(runSeconds(begunNanos, System.nanoTime(), pausedNanos, pausedAt)));
            eta.set("");
            saveSession();
            if (f.outDir() != null) {
                sessions.remember(f.outDir());
                notices.post(Notice.info(f.completed() ? "Adaptation finished" : "Adaptation stopped",
                        "The adapted generator is saved in " + f.outDir()));
            }
        } else if (e instanceof TrainingEvent.Failed f) {
            running = null; // a failed run's folder is removed if it made nothing: no session file there
            state.set(State.FAILED);
            status.set("Failed at iteration " + f.iteration());
            eta.set("");
            notices.post(Notice.error("Adaptation failed", friendly(f.message())));
        }
    }

    static String friendly(String message) {
        String m = message == null ? "unknown error" : message;
        if (m.toLowerCase(Locale.ROOT).contains("out of memory")) {
            return "Out of memory: lower the batch size or the number of CLIP models, then adapt again. (" + m + ")";
        }
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    /**
     * Seconds from {@code begun} to {@code now} less the pauses: those ended ({@code pausedTotal})
     * and one still open ({@code pausedAt} ≥ 0: a run stopped while paused ends without resuming).
     */
    static double runSeconds(long begun, long now, long pausedTotal, long pausedAt) {
        return (now - begun - pausedTotal - (pausedAt >= 0 ? now - pausedAt : 0)) / 1e9;
    }

    /** "27 s", "4m05s", "1h02m": how long a run took, pauses left out. */
    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : formatEta(s).substring("ETA ".length());
    }

    static String formatEta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "ETA %dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "ETA %dm%02ds", s / 60, s % 60);
    }

    private static String folderName(NadaConfig c) {
        String slug = (c.source() + "-to-" + c.target()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        slug = slug.length() > 40 ? slug.substring(0, 40) : slug;
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + slug;
    }
}
