package studio.nada.toyworld;

import java.util.Map;
import studio.nada.clip.ClipConfig;
import studio.nada.stylegan.GeneratorConfig;

/** The sizes of the Shapes world's two models (small enough to train in minutes on two cores). */
public final class ShapesModels {
    public static final int STYLE_DIM = 64;

    private ShapesModels() {}

    /**
     * 64 px, style_dim 64, n_mlp 4 (two layers could not learn the sharp z → scene choices); 64
     * channels up to 16 px, 32 above (most pixels, least meaning).
     */
    public static GeneratorConfig generator() {
        return new GeneratorConfig(64, STYLE_DIM, 4, Map.of(4, 64, 8, 64, 16, 64, 32, 32, 64, 32), 0.01);
    }

    /**
     * OpenAI's ViT layout, small: embed 64; vision width 64, 3 layers, 4 heads, patch 8 at 64 px
     * (the generator's size, so preprocessing does not resize); text width 64, 3 layers, 4 heads.
     */
    public static ClipConfig clip(ShapesTokenizer tokenizer) {
        return new ClipConfig(64, 64, 3, 64, 8, 4, tokenizer.contextLength(), tokenizer.vocabSize(), 64, 4, 3);
    }
}
