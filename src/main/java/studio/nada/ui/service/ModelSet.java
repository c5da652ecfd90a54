package studio.nada.ui.service;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import studio.nada.clip.ClipHeads;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipWeights;
import studio.nada.clip.TextTokenizer;
import studio.nada.nada.RecommendedSettings;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.weights.Checkpoints;

/**
 * What the studio adapts with: a generator checkpoint and one or more CLIP models, each with its
 * weight, head counts and tokenizer. Sources are suppliers, so embedded models (the Shapes world)
 * and files are the same to the rest of the studio. {@code recommended} is what the set says works
 * for it: the NADA settings and prompts the studio starts from when the set is chosen.
 */
public record ModelSet(String name, GeneratorSource generator, List<ClipSpec> clips, RecommendedSettings recommended) {

    /** Reads the generator checkpoint (any thread; no tensors yet). */
    public interface GeneratorSource {
        GeneratorCheckpoint read() throws IOException;

        /** For messages and the sidecar. */
        String describe();

        /** The sha256 of the generator's file, for export sidecars and deltas (any thread). */
        String sha256() throws IOException;

        static GeneratorSource file(Path path) {
            return new GeneratorSource() {
                @Override
                public GeneratorCheckpoint read() throws IOException {
                    return GeneratorCheckpoint.read(path, null);
                }

                @Override
                public String describe() {
                    return path.toString();
                }

                @Override
                public String sha256() throws IOException {
                    return studio.nada.hub.Checksums.sha256(path, () -> false);
                }
            };
        }
    }

    /** Builds a CLIP model on the tensor thread. */
    @FunctionalInterface
    public interface ClipLoader {
        ClipModel load(NDManager manager) throws IOException;
    }

    /** One CLIP teacher: its display name, default loss weight, loader and tokenizer. */
    public record ClipSpec(String name, String source, double weight, ClipLoader loader, Supplier<TextTokenizer> tokenizer) {
        /**
         * A CLIP state dict or TorchScript archive on disk; heads 0 = inferred from the file where
         * it allows (OpenAI's width / 64 where that splits the width), else {@link ClipHeadsNeeded}.
         */
        public static ClipSpec file(String name, Path path, double weight, int visionHeads, int textHeads,
                Supplier<TextTokenizer> tokenizer) {
            return new ClipSpec(name, path.toString(), weight, m -> {
                var sd = Checkpoints.tensors(path);
                int v = visionHeads;
                int t = textHeads;
                if (v <= 0 || t <= 0) {
                    ClipHeads.Inferred inferred = ClipHeads.infer(ClipWeights.of(sd));
                    v = v > 0 ? v : inferred.vision();
                    t = t > 0 ? t : inferred.text();
                    if (v <= 0 || t <= 0) {
                        throw new ClipHeadsNeeded(path, new ClipHeads.Inferred(inferred.visionWidth(),
                                inferred.textWidth(), v, t));
                    }
                }
                return ClipModel.load(sd, m, v, t);
            }, tokenizer);
        }
    }

    public ModelSet {
        clips = List.copyOf(clips);
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("a model set needs at least one CLIP model");
        }
        if (recommended == null) {
            throw new IllegalArgumentException("a model set needs recommended settings (at least the paper's)");
        }
    }

    /**
     * This set with another generator (the model picker's "Open generator…"): a file carries no
     * recommendation of its own, so the paper's defaults, which fit FFHQ-like generators.
     */
    public ModelSet withGenerator(Path file) {
        return new ModelSet(file.getFileName() + " + " + clips.get(0).name(), GeneratorSource.file(file), clips,
                RecommendedSettings.paperDefaults());
    }

    /**
     * This set with one CLIP model from a file instead of its CLIP models (OpenAI's heads and
     * tokenizer). The generator stays, and so do the prompts and settings that fit what it draws;
     * only the CLIP weights, which belonged to the replaced models, go back to 1 each.
     */
    public ModelSet withClip(Path file, Supplier<TextTokenizer> tokenizer) {
        return withClip(file, tokenizer, 0, 0);
    }

    /** As above with the head counts given (0 = inferred from the file). */
    public ModelSet withClip(Path file, Supplier<TextTokenizer> tokenizer, int visionHeads, int textHeads) {
        String clipName = file.getFileName().toString();
        return new ModelSet(name + " / " + clipName, generator,
                List.of(ClipSpec.file(clipName, file, 1.0, visionHeads, textHeads, tokenizer)),
                recommended.withClipWeights(List.of()));
    }

    @Override
    public String toString() {
        return name;
    }
}
