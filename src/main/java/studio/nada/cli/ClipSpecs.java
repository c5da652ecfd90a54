package studio.nada.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipTokenizer;
import studio.nada.clip.TextTokenizer;
import studio.nada.nada.ClipGuide;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.weights.Checkpoints;
import studio.nada.weights.Safetensors;

/** Parses {@code --clip NAME=FILE} options and loads them as weighted CLIP guides. */
final class ClipSpecs {
    record Spec(String name, Path file, double weight) {}

    private ClipSpecs() {}

    /** The Shapes world's two CLIPs, used when no --clip is given. */
    static final String SHAPES = "shapes";
    static final String SHAPES_B = "shapes-b";

    static List<Spec> parse(List<String> clips, List<Double> weights) {
        if (clips == null || clips.isEmpty()) {
            if (weights != null && !weights.isEmpty() && weights.size() != 2) {
                throw new IllegalArgumentException("the built-in Shapes world guides with 2 CLIP models but "
                        + weights.size() + " --clip-weights were given");
            }
            boolean given = weights != null && !weights.isEmpty();
            return List.of(new Spec(SHAPES, null, given ? weights.get(0) : 1.0),
                    new Spec(SHAPES_B, null, given ? weights.get(1) : 1.0));
        }
        if (weights != null && !weights.isEmpty() && weights.size() != clips.size()) {
            throw new IllegalArgumentException(clips.size() + " CLIP models but " + weights.size()
                    + " --clip-weights: give one weight per model");
        }
        List<Spec> out = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            String c = clips.get(i);
            int eq = c.indexOf('=');
            Path file = CatalogNames.clip(eq > 0 ? c.substring(eq + 1) : c);
            String name = eq > 0 ? c.substring(0, eq) : Files.exists(Path.of(c)) ? file.getFileName().toString() : c;
            double w = weights == null || weights.isEmpty() ? 1.0 : weights.get(i);
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("CLIP weight must be a non-negative number, got " + w);
            }
            out.add(new Spec(name, file, w));
        }
        return out;
    }

    /**
     * Loads every model on the tensor thread's manager: OpenAI's tokenizer, or the Shapes
     * tokenizer for a CLIP that {@code toyworld build} wrote.
     */
    static List<ClipGuide> load(List<Spec> specs, NDManager manager, int visionHeads, int textHeads) throws Exception {
        List<ClipGuide> guides = new ArrayList<>();
        for (Spec s : specs) {
            if (s.file() == null) {
                ClipModel builtIn = s.name().equals(SHAPES_B) ? ShapesWorld.clipB(manager) : ShapesWorld.clip(manager);
                guides.add(new ClipGuide(s.name(), builtIn, ShapesWorld.tokenizer(), s.weight(), manager));
                continue;
            }
            FileClip clip;
            try {
                clip = loadFile(s.file(), manager, visionHeads, textHeads);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(s.file() + " is not a CLIP model this studio reads: " + e.getMessage(), e);
            }
            guides.add(new ClipGuide(s.name(), clip.model(), clip.tokenizer(), s.weight(), manager));
        }
        return guides;
    }

    /** A CLIP file and the tokenizer it was trained with. */
    record FileClip(ClipModel model, TextTokenizer tokenizer) {}

    /**
     * Loads a CLIP file with its own tokenizer: a Shapes world CLIP (safetensors naming its
     * vocabulary, as {@code toyworld build} writes) with that vocabulary, any other with OpenAI's at
     * the model's context length. OpenAI's tokenizer on a Shapes CLIP would index past its token table.
     */
    static FileClip loadFile(Path file, NDManager manager, int visionHeads, int textHeads) throws IOException {
        Safetensors.Contents shapes = ShapesWorld.readIfShapesClip(file);
        if (shapes != null) {
            return new FileClip(ShapesWorld.loadClip(shapes, file, manager), ShapesWorld.tokenizer());
        }
        ClipModel model = ClipModel.load(Checkpoints.tensors(file), manager, visionHeads, textHeads);
        return new FileClip(model, ClipTokenizer.openAi().withContextLength(model.config().contextLength()));
    }
}
