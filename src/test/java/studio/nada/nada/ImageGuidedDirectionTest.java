package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.clip.ClipImageFiles;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipTokenizer;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.Generator;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Checkpoints;

class ImageGuidedDirectionTest {
    @TempDir
    Path dir;

    private Path image(String name, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(40, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, (x / 5 + y / 6) % 2 == 0 ? rgb : 0xffffff);
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void directionIsTheNormalizedDifferenceOfMeanEmbeddings() throws Exception {
        List<Path> styles = List.of(image("a.png", 0x2040c0), image("b.png", 0x3050e0));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        assertEquals(styles, ImageGuidedDirection.imagesIn(dir));
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            Generator g = Generator.load(root, Checkpoints.stateDict(Fixtures.golden("sg2_tiny.pt"), "g_ema"));
            ClipModel clip = ClipModel.load(Checkpoints.tensors(Fixtures.golden("clip_tiny_state.pt")), root, 1, 2);
            try (ClipGuide guide = new ClipGuide("tiny", clip, ClipTokenizer.openAi(), 1.0, root);
                    NadaAdapter adapter = new NadaAdapter(g, List.of(guide),
                            NadaConfig.defaults("photo", "the style of styles").withLayersK(3), RandomSource.engine(), root)) {
                ImageGuidedDirection.apply(adapter, styles, true, RandomSource.engine());
                NDArray dir1 = guide.textDirection("photo", "the style of styles").duplicate();
                // the same seed recomputes the same direction (resume), and it is a unit vector
                ImageGuidedDirection.apply(adapter, styles, true, RandomSource.engine());
                NDArray dir2 = guide.textDirection("photo", "the style of styles");
                assertEquals(0f, dir1.sub(dir2).abs().max().getFloat(), 0f);
                assertEquals(1f, dir1.norm().getFloat(), 1e-5f);
                // it points toward the style images: their embedding gains along it
                NDArray style = ClipModel.normalize(clip.encodeImage(ClipImageFiles.load(styles.get(0), 32, root)));
                assertTrue(style.matMul(dir1.transpose()).getFloat() > 0, "style images lie along the direction");
                assertEquals(1, adapter.step().iteration());
            }
        }
    }

    @Test
    void aFolderWithoutImagesIsAClearError() throws IOException {
        Files.writeString(dir.resolve("readme.md"), "#");
        IOException e = assertThrows(IOException.class, () -> ImageGuidedDirection.imagesIn(dir));
        assertTrue(e.getMessage().contains("holds no style images"), e.getMessage());
    }
}
