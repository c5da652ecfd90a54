package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import studio.nada.engine.GradMode;
import studio.nada.engine.TensorThread;
import studio.nada.export.GeneratorExport;
import studio.nada.export.Images;
import studio.nada.stylegan.Truncation;

/**
 * One adaptation run on the tensor thread: each step is its own task, so previews and slider
 * renders run between steps and pause costs nothing. Publishes {@link TrainingEvent}s; pause,
 * resume and stop come from any thread. Checkpoints every N iterations (atomic, one file), and on
 * stop or completion exports the adapted generator and a sidecar.
 */
public final class TrainingRun {
    /** Builds the adapter (loads models) on the tensor thread. */
    @FunctionalInterface
    public interface Setup {
        NadaAdapter build() throws Exception;
    }

    private final TensorThread thread;
    private final Setup setup;
    private final RunOptions options;
    private final Consumer<TrainingEvent> listener;
    private final CompletableFuture<TrainingEvent> done = new CompletableFuture<>();
    private final List<Long> stepMillis = new ArrayList<>();
    private volatile boolean paused;
    private volatile boolean stopRequested;
    private boolean waiting;
    private NadaAdapter adapter;
    private NDManager runManager;
    private Previewer previewer;
    private int lastCheckpoint = -1;
    private List<Images.Argb> frozenPreview;

    public TrainingRun(TensorThread thread, Setup setup, RunOptions options, Consumer<TrainingEvent> listener) {
        this.thread = thread;
        this.setup = setup;
        this.options = options;
        this.listener = listener;
    }

    public void start() {
        thread.execute(this::init);
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        thread.execute(() -> {
            paused = false;
            if (waiting) {
                waiting = false;
                publish(new TrainingEvent.Resumed(adapter.iteration()));
                thread.execute(this::stepOnce);
            }
        });
    }

    public void stop() {
        stopRequested = true;
        thread.execute(() -> {
            if (waiting) {
                waiting = false;
                finish(false);
            }
        });
    }

    public boolean isPaused() {
        return paused;
    }

    /** Completes with the final {@link TrainingEvent.Finished} or {@link TrainingEvent.Failed}. */
    public CompletableFuture<TrainingEvent> completion() {
        return done;
    }

    /** The adapter, once set up (tensor thread only). */
    public NadaAdapter adapter() {
        return adapter;
    }

    public Previewer previewer() {
        return previewer;
    }

    private void init() {
        try {
            adapter = setup.build();
            adapter.requireDirection();
            BatchMemory.check(adapter.config().batch(), adapter.frozen().config(),
                    adapter.guides().stream().map(g -> g.model().config()).toList(),
                    BatchMemory.available(adapter.frozen().params().manager().getDevice()));
            if (options.resumeFrom() != null) {
                adapter.restore(AdaptationCheckpoint.read(options.resumeFrom(),
                        adapter.trainable().params().parameterNames()));
                lastCheckpoint = adapter.iteration();
            }
            runManager = adapter.frozen().params().manager().newSubManager();
            NDArray avg = options.latentAvg() == null ? null : options.latentAvg().toFloatNDArray(runManager);
            NDArray mean;
            try (GradMode off = GradMode.disabled()) {
                mean = Truncation.meanLatent(adapter.frozen(), avg, runManager);
            }
            previewer = new Previewer(adapter.frozen(), mean);
            publish(new TrainingEvent.Started(adapter.config(), adapter.iteration(), adapter.frozen().config().nLatent()));
            preview();
            thread.execute(this::stepOnce);
        } catch (Throwable e) { // an Error too (out of memory): the run must end, not hang its caller
            fail(e);
        }
    }

    private void stepOnce() {
        if (stopRequested) {
            finish(false);
            return;
        }
        if (paused) {
            waiting = true;
            publish(new TrainingEvent.Paused(adapter.iteration()));
            return;
        }
        int total = adapter.config().iterations();
        if (adapter.iteration() >= total) {
            finish(true);
            return;
        }
        try {
            StepResult r = adapter.step();
            stepMillis.add(r.millis());
            double perStep = recentSecondsPerStep();
            publish(new TrainingEvent.Step(r, total, perStep, perStep * (total - r.iteration())));
            if (options.previewEvery() > 0 && r.iteration() % options.previewEvery() == 0) {
                preview();
                layerChange();
            }
            if (options.outDir() != null && options.checkpointEvery() > 0 && r.iteration() % options.checkpointEvery() == 0) {
                checkpoint();
            }
            thread.execute(this::stepOnce);
        } catch (Throwable e) { // an Error too (out of memory): the run must end, not hang its caller
            fail(e);
        }
    }

    private double recentSecondsPerStep() {
        int n = Math.min(stepMillis.size(), 20);
        return stepMillis.subList(stepMillis.size() - n, stepMillis.size()).stream().mapToLong(Long::longValue)
                .average().orElse(0) / 1000.0;
    }

    private void preview() {
        if (options.previewSeeds().length == 0) {
            return;
        }
        List<Images.Argb> frozen = frozenPreview();
        List<Images.Argb> trained = previewer.render(adapter.trainable(), options.previewSeeds(), options.previewTruncation());
        publish(new TrainingEvent.Preview(adapter.iteration(), frozen, trained));
    }

    /** What each W+ layer's weights have moved so far (one pass over the synthesis weights). */
    private void layerChange() {
        publish(new TrainingEvent.LayerChange(adapter.iteration(),
                WeightChange.relative(adapter.frozen(), adapter.trainable(), runManager)));
    }

    /** The frozen generator never changes: its previews are rendered once. */
    private List<Images.Argb> frozenPreview() {
        if (frozenPreview == null) {
            frozenPreview = previewer.render(adapter.frozen(), options.previewSeeds(), options.previewTruncation());
        }
        return frozenPreview;
    }

    private void checkpoint() throws IOException {
        Path file = RunOptions.checkpointFile(options.outDir());
        boolean previous = Files.isRegularFile(file); // the write is atomic: a failed one leaves it as it was
        try {
            AdaptationCheckpoint.write(file, adapter, RunSidecar.configJson(adapter.config()));
        } catch (IOException e) {
            throw new IOException("could not write the checkpoint " + file + " (" + e.getMessage() + "); "
                    + (previous ? "the previous checkpoint is kept" : "no checkpoint had been saved yet"), e);
        }
        lastCheckpoint = adapter.iteration();
        publish(new TrainingEvent.CheckpointSaved(adapter.iteration(), file));
    }

    private void finish(boolean completed) {
        try {
            if (adapter.iteration() > 0 && (options.previewEvery() <= 0 || adapter.iteration() % options.previewEvery() != 0)) {
                layerChange();
            }
            if (options.outDir() != null) {
                if (lastCheckpoint != adapter.iteration()) {
                    checkpoint();
                }
                export();
            }
            TrainingEvent.Finished f = new TrainingEvent.Finished(adapter.iteration(), completed, options.outDir());
            publish(f);
            done.complete(f);
        } catch (Throwable e) { // an Error too (out of memory): the run must end, not hang its caller
            fail(e);
        }
    }

    private void export() throws IOException {
        Path dir = options.outDir();
        var sd = adapter.trainable().params().toTensors();
        GeneratorExport.writeTorch(dir.resolve("generator.pt"), sd, options.latentAvg());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("source", adapter.config().source());
        meta.put("target", adapter.config().target());
        meta.put("iterations", Integer.toString(adapter.iteration()));
        GeneratorExport.writeSafetensors(dir.resolve("generator.safetensors"), sd, options.latentAvg(), meta);
        if (options.previewSeeds().length > 0) {
            List<Images.Argb> both = new ArrayList<>(frozenPreview());
            both.addAll(previewer.render(adapter.trainable(), options.previewSeeds(), options.previewTruncation()));
            Files.createDirectories(dir.resolve("samples"));
            Images.writePng(dir.resolve("samples/final.png"), Images.grid(both, options.previewSeeds().length, 2));
        }
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("generator", options.sourceDescription());
        models.put("clip", adapter.guides().stream().map(g -> Map.of("name", g.name(), "weight", g.weight())).toList());
        Map<String, Object> timings = new LinkedHashMap<>();
        long[] ms = stepMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        timings.put("steps_this_session", ms.length);
        timings.put("median_ms_per_step", ms.length == 0 ? null : ms[ms.length / 2]);
        RunSidecar.write(dir.resolve("run.json"), adapter.config(), adapter.iteration(), options, models, timings);
    }

    private void fail(Throwable e) {
        TrainingEvent.Failed f = new TrainingEvent.Failed(adapter == null ? 0 : adapter.iteration(), message(e));
        publish(f);
        done.complete(f);
    }

    /** What a user reads: the message, or for an Error without one, what it was and what to do. */
    static String message(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "): lower the batch size or the number of CLIP models,"
                    + " use smaller style images, or give Java more memory (-Xmx)";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void publish(TrainingEvent e) {
        try {
            listener.accept(e);
        } catch (RuntimeException ignored) {
            // a listener's bug must not kill the run
        }
    }

    /** Frees the models (on the tensor thread); call when the session no longer needs them. */
    public CompletableFuture<Void> close() {
        return thread.submit(() -> {
            if (runManager != null) {
                runManager.close();
            }
            if (adapter != null) {
                adapter.close();
            }
            return null;
        });
    }
}
