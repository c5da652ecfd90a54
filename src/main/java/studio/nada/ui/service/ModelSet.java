package studio.nada.ui.service;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import studio.nada.clip.ClipModel;
import studio.nada.clip.TextTokenizer;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.weights.Checkpoints;

/**
 * What the studio adapts with: a generator checkpoint and one or more CLIP models, each with its
 * weight, head counts and tokenizer. Sources are suppliers, so embedded models (the Shapes world)
 * and files are the same to the rest of the studio. {@code domain} picks the prompt suggestions.
 */
public record ModelSet(String name, Domain domain, GeneratorSource generator, List<ClipSpec> clips) {
    /** Which prompt suggestions fit the generator. */
    public enum Domain { FACES, SHAPES, OTHER }

    /** Reads the generator checkpoint (any thread; no tensors yet). */
    public interface GeneratorSource {
        GeneratorCheckpoint read() throws IOException;

        /** For messages and the sidecar. */
        String describe();

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
        /** A CLIP state dict or TorchScript archive on disk; heads 0 = OpenAI's width / 64. */
        public static ClipSpec file(String name, Path path, double weight, int visionHeads, int textHeads,
                Supplier<TextTokenizer> tokenizer) {
            return new ClipSpec(name, path.toString(), weight,
                    m -> ClipModel.load(Checkpoints.tensors(path), m, visionHeads, textHeads), tokenizer);
        }
    }

    public ModelSet {
        clips = List.copyOf(clips);
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("a model set needs at least one CLIP model");
        }
    }

    /** This set with another generator (the model picker's "Open generator…"). */
    public ModelSet withGenerator(Path file) {
        return new ModelSet(file.getFileName() + " + " + clips.get(0).name(), Domain.OTHER, GeneratorSource.file(file), clips);
    }

    /** This set with one CLIP model from a file instead of its CLIP models (OpenAI's heads and tokenizer). */
    public ModelSet withClip(Path file, Supplier<TextTokenizer> tokenizer) {
        String clipName = file.getFileName().toString();
        return new ModelSet(name + " / " + clipName, domain, generator,
                List.of(ClipSpec.file(clipName, file, 1.0, 0, 0, tokenizer)));
    }

    @Override
    public String toString() {
        return name;
    }
}
