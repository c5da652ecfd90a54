package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.engine.TensorEngine;
import studio.nada.nada.ClipGuide;
import studio.nada.toyworld.ShapesVocabulary;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.toyworld.ShapesTokenizer;
import studio.nada.weights.Safetensors;

/** {@code --clip} parsing: the Shapes world's two CLIPs by default, Shapes CLIP files by their metadata. */
class ClipSpecsTest {
    @Test
    void noClipMeansBothShapesClips() {
        List<ClipSpecs.Spec> specs = ClipSpecs.parse(List.of(), List.of());
        assertEquals(List.of(ClipSpecs.SHAPES, ClipSpecs.SHAPES_B), specs.stream().map(ClipSpecs.Spec::name).toList());
        specs.forEach(s -> assertNull(s.file()));
        assertEquals(List.of(2.0, 0.5), ClipSpecs.parse(List.of(), List.of(2.0, 0.5)).stream()
                .map(ClipSpecs.Spec::weight).toList());
        assertThrows(IllegalArgumentException.class, () -> ClipSpecs.parse(List.of(), List.of(1.0)));
    }

    @Test
    void aShapesClipFileLoadsWithTheShapesTokenizer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.safetensors");
        Safetensors.write(file, ShapesWorld.clipTensors(ShapesWorld.CLIP_B_FILE), Map.of("format", "openai-clip",
                "vision_heads", "4", "text_heads", "4", "tokenizer", ShapesVocabulary.FILE));
        assertTrue(ShapesWorld.isShapesClip(file));
        Path other = dir.resolve("other.safetensors");
        Files.writeString(other, "not safetensors");
        assertFalse(ShapesWorld.isShapesClip(other));
        try (NDManager m = TensorEngine.newManager(Device.cpu())) {
            List<ClipGuide> guides = ClipSpecs.load(ClipSpecs.parse(List.of("mine=" + file), List.of()), m, 0, 0);
            assertEquals("mine", guides.get(0).name());
            assertTrue(guides.get(0).tokenizer() instanceof ShapesTokenizer, "the Shapes tokenizer");
            guides.forEach(ClipGuide::close);
        }
    }
}
