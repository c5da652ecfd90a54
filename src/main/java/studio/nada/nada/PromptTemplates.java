package studio.nada.nada;

import java.util.List;
import studio.nada.clip.ImagenetTemplates;

/**
 * The 79 ImageNet prompt templates StyleGAN-NADA averages text embeddings over (its
 * {@code imagenet_templates}, from CLIP's zero-shot ImageNet prompts), in the reference order:
 * index i of the source pairs with index i of the target.
 */
public final class PromptTemplates {
    public static final List<String> IMAGENET = ImagenetTemplates.ALL;

    private PromptTemplates() {}

    /** Each template filled with {@code text}, as Python's {@code template.format(text)}. */
    public static List<String> compose(String text) {
        return ImagenetTemplates.fill(text);
    }
}
