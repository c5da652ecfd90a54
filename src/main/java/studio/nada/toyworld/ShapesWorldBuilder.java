package studio.nada.toyworld;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import studio.nada.clip.ClipModel;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;
import studio.nada.weights.TorchCheckpointWriter;

/**
 * {@code toyworld build}: trains the Shapes generator and CLIP from fixed seeds and writes them
 * with the vocabulary and sample grids. Every draw comes from seeded generators, so two runs with
 * the same seed and thread count write the same numbers.
 */
public final class ShapesWorldBuilder {
    /**
     * Steps of each training; {@code logEvery} is how often progress is reported.
     *
     * @param reuseGenerator a generator checkpoint to ship instead of training one (null: train)
     * @param generatorSeed  the generator's draw (the CLIPs draw from {@code seed})
     * @param weightNoise    see {@link GeneratorTrainer.Options#weightNoise()}
     */
    public record Options(long seed, int generatorSteps, int mappingSteps, int clipSteps, int logEvery,
            Path reuseGenerator, long generatorSeed, double weightNoise) {
        public static Options defaults() {
            return new Options(0, 4000, 16000, 1500, 250, null, 0, 0);
        }
    }

    /** What a build measured: final losses (mean of the last 50 steps), accuracies, timings. */
    public record Report(double generatorLoss, double clipLoss, ZeroShot.Accuracy rendersAccuracy,
            ZeroShot.Accuracy samplesAccuracy, double worldLikeSamples, double generatorSeconds, double clipSeconds) {}

    private final Options options;
    private final Consumer<String> log;

    public ShapesWorldBuilder(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public Report build(Path out) throws IOException {
        Files.createDirectories(out);
        ShapesTokenizer tokenizer = new ShapesTokenizer(ShapesVocabulary.build(), ShapesTokenizer.DEFAULT_CONTEXT);
        ShapesVocabulary.write(out.resolve(ShapesVocabulary.FILE), tokenizer.words());
        ShapesWorld.copyRecommended(out); // the settings are hand-tuned metadata, not trained: shipped as they are
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            long t0 = System.nanoTime();
            double gLoss = Double.NaN;
            Generator g;
            if (options.reuseGenerator() != null) {
                // iterating on the CLIPs alone: the generator's training does not depend on them
                g = GeneratorCheckpoint.read(options.reuseGenerator(), null).build(root);
                Files.copy(options.reuseGenerator(), out.resolve(ShapesWorld.GENERATOR_FILE),
                        StandardCopyOption.REPLACE_EXISTING);
                log.accept("generator reused from " + options.reuseGenerator());
            } else {
                GeneratorTrainer gt = new GeneratorTrainer(root, ShapesModels.generator(),
                        GeneratorTrainer.Options.defaults(options.generatorSeed())
                                .withWeightNoise(options.weightNoise()));
                gLoss = train("generator", options.generatorSteps(), gt::synthesisStep);
                train("mapping", options.mappingSteps(), gt::mappingStep);
                g = gt.generator();
                log.accept("generator steps skipped for non-finite gradients: " + gt.skippedSteps());
                writeGenerator(out.resolve(ShapesWorld.GENERATOR_FILE), g, root);
            }
            double gSeconds = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            ClipTrainer ct = new ClipTrainer(root, ShapesModels.clip(tokenizer), tokenizer,
                    ClipTrainer.Options.defaults(options.seed() + 100));
            double cLoss = train("clip", options.clipSteps(), ct::step);
            writeClip(out.resolve(ShapesWorld.CLIP_FILE), ct);
            ClipTrainer ctb = new ClipTrainer(root, ShapesModels.clip(tokenizer), tokenizer,
                    ClipTrainer.Options.defaults(options.seed() + 200));
            train("clip b", options.clipSteps(), ctb::step);
            writeClip(out.resolve(ShapesWorld.CLIP_B_FILE), ctb);
            double cSeconds = (System.nanoTime() - t1) / 1e9;

            ClipModel clip = ct.model();
            List<Scene> fresh = new SceneSampler(options.seed() + 7).next(256);
            ZeroShot.Accuracy onRenders = ZeroShot.evaluate(clip, tokenizer, fresh, root);
            ZeroShot.Accuracy onRendersB = ZeroShot.evaluate(ctb.model(), tokenizer, fresh, root);
            log.accept(String.format(Locale.ROOT, "clip b zero-shot on %d renders: color %.3f, shape %.3f",
                    onRendersB.count(), onRendersB.color(), onRendersB.shape()));
            WorldSamples samples = WorldSamples.of(g, 64, options.seed() + 9, root);
            ZeroShot.Accuracy onSamples = samples.zeroShot(clip, tokenizer, root);
            samples.writeGrids(out);
            Report r = new Report(gLoss, cLoss, onRenders, onSamples, samples.worldLikeFraction(), gSeconds, cSeconds);
            log.accept(String.format(Locale.ROOT, "zero-shot on %d renders: color %.3f, shape %.3f; on %d generator"
                    + " samples: color %.3f, shape %.3f; world-like samples %.3f", onRenders.count(),
                    onRenders.color(), onRenders.shape(), onSamples.count(), onSamples.color(), onSamples.shape(),
                    r.worldLikeSamples()));
            log.accept(String.format(Locale.ROOT, "generator %.1f s, clip %.1f s", gSeconds, cSeconds));
            ShippedComparison shipped = ShippedComparison.of(out);
            log.accept(String.format(Locale.ROOT, "against the shipped models: generator max |diff| %.3g, latent_avg"
                    + " %.3g, clip %.3g, clip b %.3g, vocabulary %s", shipped.generatorMaxDiff(),
                    shipped.latentAvgMaxDiff(), shipped.clipMaxDiff(), shipped.clipBMaxDiff(),
                    shipped.sameVocabulary() ? "identical" : "different"));
            return r;
        }
    }

    private double train(String what, int steps, StepFunction step) {
        long t0 = System.nanoTime();
        double recent = 0;
        int inRecent = 0;
        for (int i = 1; i <= steps; i++) {
            float loss = step.step();
            if (Float.isNaN(loss)) {
                throw new IllegalStateException(what + " training diverged at step " + i);
            }
            if (i > steps - 50) {
                recent += loss;
                inRecent++;
            }
            if (i % options.logEvery() == 0 || i == steps) {
                log.accept(String.format(Locale.ROOT, "%s step %d/%d loss %.5f (%.1f s)", what, i, steps, loss,
                        (System.nanoTime() - t0) / 1e9));
            }
        }
        return inRecent == 0 ? Double.NaN : recent / inRecent;
    }

    /** rosinality layout: {"g_ema": state dict, "latent_avg": mean of 4096 mapped z}. */
    private void writeGenerator(Path file, Generator g, NDManager root) throws IOException {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("g_ema", g.params().toTensors());
        try (NDManager m = root.newSubManager()) {
            NDArray mean = WorldSamples.meanLatent(g, 4096, options.generatorSeed() + 3, m);
            top.put("latent_avg", TensorData.of(mean.reshape(-1)));
        }
        TorchCheckpointWriter.write(file, top);
        log.accept("wrote " + file + " (" + Files.size(file) + " bytes)");
    }

    private void writeClip(Path file, ClipTrainer trainer) throws IOException {
        var c = trainer.model().config();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "openai-clip");
        meta.put("vision_heads", Integer.toString(c.visionHeads()));
        meta.put("text_heads", Integer.toString(c.textHeads()));
        meta.put("context_length", Integer.toString(c.contextLength()));
        meta.put("tokenizer", ShapesVocabulary.FILE);
        meta.put("seed", Long.toString(trainer.options().seed()));
        meta.put("steps", Integer.toString(options.clipSteps()));
        Safetensors.write(file, trainer.stateDict(), meta);
        log.accept("wrote " + file + " (" + Files.size(file) + " bytes)");
    }

    @FunctionalInterface
    private interface StepFunction {
        float step();
    }
}
