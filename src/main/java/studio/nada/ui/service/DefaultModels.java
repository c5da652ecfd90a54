package studio.nada.ui.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.nada.clip.ClipTokenizer;

/**
 * The model sets the studio knows out of the box. The one place to switch the default: until the
 * embedded Shapes world lands, it is the golden tiny models of {@code ../shared/fixtures/golden}
 * (a 32 px generator, 8 W+ layers, and a tiny CLIP with 1 vision and 2 text heads).
 */
public final class DefaultModels {
    private DefaultModels() {}

    /** The set the studio opens with, or null when none is available on this machine. */
    public static ModelSet defaultSet() {
        List<ModelSet> all = known();
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every known set that is present here, the default first. */
    public static List<ModelSet> known() {
        List<ModelSet> out = new ArrayList<>();
        Path golden = sharedFolder().resolve("fixtures/golden");
        if (Files.isRegularFile(golden.resolve("sg2_tiny.pt")) && Files.isRegularFile(golden.resolve("clip_tiny_state.pt"))) {
            out.add(new ModelSet("Tiny test models (32 px)", ModelSet.Domain.FACES,
                    ModelSet.GeneratorSource.file(golden.resolve("sg2_tiny.pt")),
                    List.of(ModelSet.ClipSpec.file("tiny CLIP", golden.resolve("clip_tiny_state.pt"), 1.0, 1, 2,
                            ClipTokenizer::openAi))));
        }
        return out;
    }

    /** {@code nada.shared} (set by the build) or {@code ../shared} beside the working folder. */
    static Path sharedFolder() {
        return Path.of(System.getProperty("nada.shared", "../shared")).toAbsolutePath().normalize();
    }
}
