package studio.nada.clip;

import java.util.Locale;

/**
 * The shape of a vision-transformer CLIP, named as openai/CLIP's {@code CLIP.__init__} arguments,
 * plus explicit head counts: OpenAI derives them as width / 64, which gives 0 for narrow test
 * models, so a loaded model may override them.
 */
public record ClipConfig(int embedDim, int imageResolution, int visionLayers, int visionWidth, int visionPatchSize,
        int visionHeads, int contextLength, int vocabSize, int textWidth, int textHeads, int textLayers) {

    public ClipConfig {
        checkHeads("vision", visionWidth, visionHeads);
        checkHeads("text", textWidth, textHeads);
        if (visionPatchSize <= 0 || imageResolution % visionPatchSize != 0) {
            throw new IllegalArgumentException("image resolution " + imageResolution
                    + " is not a multiple of the patch size " + visionPatchSize);
        }
    }

    private static void checkHeads(String tower, int width, int heads) {
        if (heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException(tower + " width " + width + " cannot be split into " + heads
                    + " attention heads (OpenAI's rule is width/64; pass the head count explicitly)");
        }
    }

    /** OpenAI's ViT-B/32. */
    public static ClipConfig vitB32() {
        return new ClipConfig(512, 224, 12, 768, 32, 12, 77, 49408, 512, 8, 12);
    }

    /** OpenAI's ViT-B/16. */
    public static ClipConfig vitB16() {
        return new ClipConfig(512, 224, 12, 768, 16, 12, 77, 49408, 512, 8, 12);
    }

    /** A preset by OpenAI's name ("ViT-B/32", "ViT-B/16"; case and separators are ignored). */
    public static ClipConfig preset(String name) {
        String key = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return switch (key) {
            case "VITB32" -> vitB32();
            case "VITB16" -> vitB16();
            default -> throw new IllegalArgumentException("Unknown CLIP architecture '" + name + "': use ViT-B/32 or ViT-B/16");
        };
    }

    /** OpenAI's head count for a width (openai/CLIP build_model: width // 64). */
    public static int defaultHeads(int width) {
        return width / 64;
    }

    public ClipConfig withHeads(int vision, int text) {
        return new ClipConfig(embedDim, imageResolution, visionLayers, visionWidth, visionPatchSize, vision,
                contextLength, vocabSize, textWidth, text, textLayers);
    }

    /** Patches per side. */
    public int grid() {
        return imageResolution / visionPatchSize;
    }

    /**
     * Reads the config from weight shapes, as openai/CLIP {@code build_model} does. A head count
     * of 0 means OpenAI's default, width / 64.
     */
    public static ClipConfig fromWeights(ClipWeights w, int visionHeads, int textHeads) {
        if (w.shape("visual.layer1.0.conv1.weight") != null) {
            throw new IllegalArgumentException("ResNet CLIP models are not supported; use a ViT model (ViT-B/32, ViT-B/16)");
        }
        long[] conv = require(w, "visual.conv1.weight");
        int visionWidth = (int) conv[0];
        int patch = (int) conv[3];
        long tokens = require(w, "visual.positional_embedding")[0];
        int grid = (int) Math.round(Math.sqrt(tokens - 1));
        int textWidth = (int) require(w, "ln_final.weight")[0];
        return new ClipConfig(
                (int) require(w, "text_projection")[1],
                patch * grid,
                countLayers(w, "visual.transformer.resblocks."),
                visionWidth,
                patch,
                visionHeads > 0 ? visionHeads : defaultHeads(visionWidth),
                (int) require(w, "positional_embedding")[0],
                (int) require(w, "token_embedding.weight")[0],
                textWidth,
                textHeads > 0 ? textHeads : defaultHeads(textWidth),
                countLayers(w, "transformer.resblocks."));
    }

    private static long[] require(ClipWeights w, String name) {
        long[] shape = w.shape(name);
        if (shape == null) {
            throw new IllegalArgumentException("Not a CLIP ViT state dict: " + w.describe(name) + " is missing");
        }
        return shape;
    }

    private static int countLayers(ClipWeights w, String prefix) {
        int n = 0;
        while (w.shape(prefix + n + ".attn.in_proj_weight") != null) {
            n++;
        }
        return n;
    }
}
