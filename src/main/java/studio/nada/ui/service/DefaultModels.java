package studio.nada.ui.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.nada.clip.ClipTokenizer;
import studio.nada.nada.RecommendedSettings;
import studio.nada.toyworld.ShapesWorld;

/**
 * The model sets the studio knows out of the box: the built-in Shapes world first (it ships in the
 * jar, so the studio works offline on a fresh machine), then the golden tiny test models of
 * {@code ../shared/fixtures/golden} where that folder is present.
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
        out.add(new ModelSet("Shapes world (built in, 64 px)", new ModelSet.GeneratorSource() {
            @Override
            public studio.nada.stylegan.GeneratorCheckpoint read() throws java.io.IOException {
                return ShapesWorld.generatorCheckpoint();
            }

            @Override
            public String describe() {
                return "built-in Shapes world generator";
            }

            @Override
            public String sha256() throws java.io.IOException {
                try (var in = ShapesWorld.generatorBytes()) {
                    return studio.nada.hub.Checksums.sha256(in, describe(), () -> false);
                }
            }
        }, List.of(new ModelSet.ClipSpec("Shapes CLIP", "built-in Shapes world CLIP", 1.0, ShapesWorld::clip,
                ShapesWorld::tokenizer), new ModelSet.ClipSpec("Shapes CLIP b", "built-in Shapes world CLIP b", 1.0,
                ShapesWorld::clipB, ShapesWorld::tokenizer)), ShapesWorld.recommended()));
        Path golden = sharedFolder().resolve("fixtures/golden");
        if (Files.isRegularFile(golden.resolve("sg2_tiny.pt")) && Files.isRegularFile(golden.resolve("clip_tiny_state.pt"))) {
            out.add(new ModelSet("Tiny test models (32 px)",
                    ModelSet.GeneratorSource.file(golden.resolve("sg2_tiny.pt")),
                    List.of(ModelSet.ClipSpec.file("tiny CLIP", golden.resolve("clip_tiny_state.pt"), 1.0, 1, 2,
                            ClipTokenizer::openAi)),
                    RecommendedSettings.paperDefaults()));
        }
        return out;
    }

    /** {@code nada.shared} (set by the build) or {@code ../shared} beside the working folder. */
    static Path sharedFolder() {
        return Path.of(System.getProperty("nada.shared", "../shared")).toAbsolutePath().normalize();
    }
}
