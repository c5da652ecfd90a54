package studio.nada.ui.viewmodel;

import java.util.List;
import studio.nada.ui.service.ModelSet;

/** Prompt suggestions per generator domain (the paper's and its Colab's examples for faces). */
public final class PromptPresets {
    /** A source → target pair. */
    public record Preset(String source, String target) {
        @Override
        public String toString() {
            return source + " → " + target;
        }
    }

    private PromptPresets() {}

    public static List<Preset> forDomain(ModelSet.Domain domain) {
        if (domain == ModelSet.Domain.SHAPES) {
            return List.of(new Preset("red shape", "blue shape"), new Preset("blue shape", "green shape"),
                    new Preset("circle", "square"), new Preset("square", "triangle"),
                    new Preset("small shape", "large shape"), new Preset("red circle", "yellow circle"));
        }
        return List.of(new Preset("photo", "sketch"), new Preset("photo", "pixar character"),
                new Preset("photo", "ukiyo-e painting"), new Preset("human", "werewolf"),
                new Preset("photo", "cubism painting"), new Preset("human", "zombie"),
                new Preset("photo", "modigliani painting"), new Preset("human", "elf"));
    }
}
