package studio.nada.ui.service;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorThread;
import studio.nada.export.Images;
import studio.nada.nada.ClipGuide;
import studio.nada.nada.MadeByRun;
import studio.nada.nada.NadaAdapter;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.RunLock;
import studio.nada.nada.RunOptions;
import studio.nada.nada.TrainingEvent;
import studio.nada.nada.TrainingRun;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;

/**
 * The UI's one door to the core: model sets, adaptation runs, previews. Tensor work goes to the
 * {@link TensorThread}; results (events, pixels) come back through {@code ui} (Platform::runLater
 * in the studio, a direct executor in tests). Preview renders are newest-wins.
 */
public final class TrainingService implements AutoCloseable {
    private final TensorThread thread;
    private final Executor ui;
    private final ModelService models;
    private volatile Consumer<PreviewRequest.Frames> frames = f -> {};
    private volatile Consumer<String> renderErrors = m -> {};
    private volatile PreviewRequest view = new PreviewRequest(new long[0], 0.7, 1.0);
    /** The latest started run: pause, resume and stop go to it. */
    private volatile TrainingRun active;
    private volatile boolean running;
    /** The run whose trained generator the previews show, and its CLIP guides (tensor thread). */
    private TrainingRun shown;
    private List<ClipGuide> shownGuides = new ArrayList<>();
    private NDManager sessionManager;
    private Generator sessionGenerator;
    private Path sessionFile;

    public TrainingService(TensorThread thread, Executor ui) {
        this.thread = thread;
        this.ui = ui;
        this.models = new ModelService(thread);
    }

    /** Where rendered previews and render errors are delivered (on the UI executor). */
    public void onFrames(Consumer<PreviewRequest.Frames> sink, Consumer<String> errors) {
        this.frames = sink;
        this.renderErrors = errors;
    }

    public ModelSet currentModels() {
        return models.currentSet();
    }

    public boolean isRunning() {
        return running;
    }

    /** Switches model sets; the previous set stays when this one fails. Not while a run is going. */
    public CompletableFuture<ModelSet> loadModels(ModelSet set) {
        if (running) {
            return CompletableFuture.failedFuture(new IllegalStateException("Stop the adaptation before switching models"));
        }
        return models.load(set, this::closeTrained);
    }

    /** Starts an adaptation on the loaded models; events arrive on the UI executor. */
    public void start(NadaConfig config, List<Double> clipWeights, RunOptions options, Consumer<TrainingEvent> listener) {
        start(config, clipWeights, List.of(), options, listener);
    }

    /**
     * As above, image-guided when {@code styleImages} is not empty: their direction replaces the
     * text direction (the target text still guides layer selection).
     */
    public void start(NadaConfig config, List<Double> clipWeights, List<java.nio.file.Path> styleImages,
            RunOptions options, Consumer<TrainingEvent> listener) {
        List<java.nio.file.Path> styles = List.copyOf(styleImages);
        if (running) {
            throw new IllegalStateException("an adaptation is already running");
        }
        if (models.currentSet() == null) {
            throw new IllegalStateException("No models are loaded: pick a generator and a CLIP model first");
        }
        // what this session makes before its first output (the folder, its lock file): removed if it fails
        MadeByRun made = options.outDir() == null ? null : MadeByRun.before(options.outDir());
        RunLock lock = lock(options.outDir());
        running = true;
        List<ClipGuide> guides = new ArrayList<>();
        TrainingRun[] self = new TrainingRun[1];
        TrainingRun r = new TrainingRun(thread, () -> {
            LoadedModels m = models.current();
            closeTrained();
            shown = self[0];
            shownGuides = guides;
            for (int i = 0; i < m.clips.size(); i++) {
                LoadedModels.Clip c = m.clips.get(i);
                double w = i < clipWeights.size() ? clipWeights.get(i) : c.spec().weight();
                guides.add(new ClipGuide(c.spec().name(), c.model(), c.spec().tokenizer().get(), w, m.manager));
            }
            NadaAdapter adapter = new NadaAdapter(m.frozen, guides, config, RandomSource.engine(), m.manager);
            if (!styles.isEmpty()) {
                studio.nada.nada.ImageGuidedDirection.apply(adapter, styles, false, RandomSource.engine());
            }
            return adapter;
        }, options.withLatentAvg(models.currentLatentAvg()), e -> onEvent(e, options, lock, made, listener));
        self[0] = r;
        active = r;
        try {
            r.start();
        } catch (RuntimeException | Error e) {
            running = false;
            release(lock, made);
            throw e;
        }
    }

    /** The session folder is held for the run's life, as {@code train} holds its --out (null: no folder). */
    private static RunLock lock(Path dir) {
        if (dir == null) {
            return null;
        }
        try {
            return RunLock.acquire(dir);
        } catch (IOException e) {
            throw new IllegalStateException("Could not use the session folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private void onEvent(TrainingEvent e, RunOptions options, RunLock lock, MadeByRun made,
            Consumer<TrainingEvent> listener) {
        if (e instanceof TrainingEvent.Finished) {
            running = false;
            release(lock, null);
        } else if (e instanceof TrainingEvent.Failed) {
            running = false;
            release(lock, made);
        }
        if (e instanceof TrainingEvent.Preview p) {
            PreviewRequest v = view;
            if (v.strength() == 1.0 && v.sameView(options.previewSeeds(), options.previewTruncation())) {
                PreviewRequest.Frames f = new PreviewRequest.Frames(v, p.frozen(), p.trained());
                ui.execute(() -> frames.accept(f));
            } else {
                requestPreview(v);
            }
        }
        ui.execute(() -> listener.accept(e));
    }

    /**
     * Lets go of the session folder; after a failed run, first removes what it made there and left
     * empty (a stopped run is not failed: it saved its generator).
     */
    private static void release(RunLock lock, MadeByRun failedRunMade) {
        if (failedRunMade != null) {
            failedRunMade.removeIfEmpty(); // still under the lock: no other run is using them
        }
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the OS drops the lock with the process at the latest
            }
        }
    }

    public void pause() {
        TrainingRun r = active;
        if (r != null) {
            r.pause();
        }
    }

    public void resume() {
        TrainingRun r = active;
        if (r != null) {
            r.resume();
        }
    }

    public void stop() {
        TrainingRun r = active;
        if (r != null && running) {
            r.stop();
        }
    }

    /** Renders {@code request} (frozen | trained at its strength); a newer request supersedes this one. */
    public void requestPreview(PreviewRequest request) {
        view = request;
        thread.previewNewestWins(() -> {
            LoadedModels m = models.current();
            if (m == null || request.seeds().length == 0) {
                return;
            }
            try {
                List<Images.Argb> frozen = m.previewer.render(m.frozen, request.seeds(), request.truncation());
                Generator trained = trained();
                List<Images.Argb> adapted = trained == null ? null : m.previewer.render(
                        request.strength() == 1.0 ? trained : m.blend.blend(m.frozen, trained, request.strength()),
                        request.seeds(), request.truncation());
                PreviewRequest.Frames f = new PreviewRequest.Frames(request, frozen, adapted);
                ui.execute(() -> frames.accept(f));
            } catch (RuntimeException | Error e) { // out of memory too: a notice, and the studio stays usable
                String msg = "Could not render the preview: " + LoadedModels.message(e);
                ui.execute(() -> renderErrors.accept(msg));
            }
        });
    }

    /** Opens an adapted generator (a session's generator.pt) as the trained side of the previews. */
    public CompletableFuture<Path> openAdapted(Path file) {
        if (running) {
            return CompletableFuture.failedFuture(new IllegalStateException("Stop the adaptation before opening a session"));
        }
        return thread.submit(() -> {
            LoadedModels m = models.current();
            if (m == null) {
                throw new IllegalStateException("No models are loaded");
            }
            NDManager fresh = m.manager.newSubManager();
            try {
                Generator g = GeneratorCheckpoint.read(file, null).build(fresh);
                if (!g.config().equals(m.frozen.config())) {
                    throw new IllegalArgumentException("it was adapted from another generator (" + g.config().size()
                            + " px) than the one loaded (" + m.frozen.config().size() + " px)");
                }
                closeTrained();
                sessionManager = fresh;
                sessionGenerator = g;
                sessionFile = file;
                return file;
            } catch (Exception e) {
                fresh.close();
                throw new IllegalArgumentException("Could not open the adapted generator " + file + ": "
                        + LoadedModels.message(e), e);
            }
        });
    }

    /** What an export takes: the loaded models, the adapted generator and where it came from. */
    record Adapted(LoadedModels models, Generator trained, Map<String, Object> provenance) {}

    /** The adapted generator the previews show, or null when there is none (tensor thread). */
    Adapted adapted() throws java.io.IOException {
        LoadedModels m = models.current();
        Generator g = trained();
        if (m == null || g == null) {
            return null;
        }
        Map<String, Object> provenance = new java.util.LinkedHashMap<>();
        TrainingRun r = shown;
        if (r != null && r.adapter() != null) {
            provenance.put("config", r.adapter().config());
            provenance.put("iterations_done", r.adapter().iteration());
            provenance.put("models", Map.of("generator", m.set.generator().describe(),
                    "clip", shownGuides.stream().map(ClipGuide::name).toList()));
        } else if (sessionFile != null) {
            provenance.putAll(studio.nada.export.RunProvenance.of(sessionFile));
        }
        return new Adapted(m, g, provenance);
    }

    /** The loaded models (tensor thread), or null. */
    LoadedModels loadedModels() {
        return models.current();
    }

    /** The domain strength the previews show now. */
    public double previewStrength() {
        return view.strength();
    }

    /** Work for the tensor thread (exports, photos). */
    <T> CompletableFuture<T> submit(java.util.concurrent.Callable<T> task) {
        return thread.submit(task);
    }

    /** The trained side: the run's generator, else an opened session's (tensor thread). */
    private Generator trained() {
        TrainingRun r = shown;
        if (r != null && r.adapter() != null) {
            return r.adapter().trainable();
        }
        return sessionGenerator;
    }

    /** Frees the last run and any opened session (tensor thread). */
    private void closeTrained() {
        TrainingRun r = shown;
        if (r != null) {
            shown = null;
            r.close();
            shownGuides.forEach(ClipGuide::close);
            shownGuides = new ArrayList<>();
        }
        if (sessionManager != null) {
            sessionManager.close();
            sessionManager = null;
            sessionGenerator = null;
            sessionFile = null;
        }
    }

    @Override
    public void close() {
        stop();
        TrainingRun r = active;
        if (r != null) {
            r.completion().completeOnTimeout(null, 30, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        running = false;
        thread.submit(() -> {
            closeTrained();
            return null;
        }).join();
        models.close().join();
    }
}
