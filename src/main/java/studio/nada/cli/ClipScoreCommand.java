package studio.nada.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.clip.BoundedImages;
import studio.nada.clip.ClipImageFiles;
import studio.nada.clip.ClipModel;
import studio.nada.engine.TensorEngine;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/** CLIP similarity of image files and texts: 100 x cosine (CLIP's logits), images as rows. */
@Command(name = "clip-score", mixinStandardHelpOptions = true,
        description = "Print 100 x cosine similarity between CLIP embeddings of images (rows) and texts (columns).")
public final class ClipScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--clip", required = true, description = "CLIP weights: OpenAI .pt (TorchScript or state dict) or safetensors (OpenAI or Hugging Face names)")
    Path clip;

    @Option(names = "--image", required = true, description = "an image file (PNG, JPEG); repeatable")
    List<Path> images;

    @Option(names = "--text", required = true, description = "a text; repeatable")
    List<String> texts;

    @Option(names = "--raw-out", description = "also write image_embeds and text_embeds (unnormalized) as safetensors")
    Path rawOut;

    @Option(names = "--vision-heads", defaultValue = "0", description = "vision attention heads (default: width/64, as OpenAI)")
    int visionHeads;

    @Option(names = "--text-heads", defaultValue = "0", description = "text attention heads (default: width/64, as OpenAI)")
    int textHeads;

    @Option(names = "--device", defaultValue = "auto", description = "cpu, cuda, cuda:N or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        for (Path image : images) {
            BoundedImages.dimensions(image); // a missing or oversized image is told before the model loads
        }
        try (NDManager root = TensorEngine.newManager(TensorEngine.device(device))) {
            ClipSpecs.FileClip loaded = ClipSpecs.loadFile(clip, root, visionHeads, textHeads);
            ClipModel model = loaded.model();
            int resolution = model.config().imageResolution();
            NDList pixels = new NDList();
            for (Path image : images) {
                pixels.add(ClipImageFiles.load(image, resolution, root));
            }
            NDArray imageEmbeds = model.encodeImage(NDArrays.concat(pixels, 0));
            int[][] ids = loaded.tokenizer().tokenize(texts, true);
            requireKnownIds(ids, model.config().vocabSize());
            NDArray textEmbeds = model.encodeText(root, ids);
            NDArray scores = ClipModel.normalize(imageEmbeds).matMul(ClipModel.normalize(textEmbeds).transpose()).mul(100f);
            print(out, scores.toFloatArray());
            if (rawOut != null) {
                Map<String, TensorData> raw = new LinkedHashMap<>();
                raw.put("image_embeds", TensorData.of(imageEmbeds));
                raw.put("text_embeds", TensorData.of(textEmbeds));
                Safetensors.write(rawOut, raw, Map.of("images", String.join("\n", names()), "texts", String.join("\n", texts)));
                out.println("embeddings written to " + rawOut);
            }
        }
        out.flush();
        return 0;
    }

    /** A model whose token table is smaller than the tokenizer's ids was trained on another vocabulary. */
    private void requireKnownIds(int[][] ids, int vocabSize) {
        for (int[] row : ids) {
            for (int id : row) {
                if (id >= vocabSize) {
                    throw new IllegalArgumentException(clip + " has a vocabulary of " + vocabSize + " tokens, but OpenAI's"
                            + " tokenizer gives token " + id + ": the model was trained with another vocabulary (a Shapes"
                            + " world CLIP must keep the 'tokenizer' metadata that toyworld build writes)");
                }
            }
        }
    }

    private void print(PrintWriter out, float[] scores) {
        StringBuilder header = new StringBuilder(String.format("%-24s", "image \\ text"));
        for (String t : texts) {
            header.append(String.format(" %12s", abbreviate(t, 12)));
        }
        out.println(header);
        List<String> names = names();
        for (int i = 0; i < names.size(); i++) {
            StringBuilder row = new StringBuilder(String.format("%-24s", abbreviate(names.get(i), 24)));
            for (int j = 0; j < texts.size(); j++) {
                row.append(String.format(java.util.Locale.ROOT, " %12.2f", scores[i * texts.size() + j]));
            }
            out.println(row);
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        images.forEach(p -> names.add(p.getFileName().toString()));
        return names;
    }

    private static String abbreviate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
