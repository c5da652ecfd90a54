package studio.nada.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jcodec.api.awt.AWTFrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.testing.Cli;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.weights.TensorData;

/**
 * {@code export} of a Shapes generator: every kind of file is written and reads back (PNG, a
 * labelled grid, a looping GIF, an MP4 a decoder reads, a .pt our reader loads to the same
 * tensors, a sidecar), a delta plus its base gives the adapted weights bit for bit, and a refused
 * or failed export leaves the folder as it was.
 */
class ExportCommandTest {
    @TempDir
    static Path dir;
    static Path adapted;
    static GeneratorCheckpoint base;

    /** An "adapted" generator: the Shapes generator with two synthesis tensors changed. */
    @BeforeAll
    static void makeAdapted() throws IOException {
        base = ShapesWorld.generatorCheckpoint();
        Map<String, TensorData> sd = new LinkedHashMap<>(base.stateDict());
        for (String name : List.of("convs.0.conv.weight", "to_rgb1.bias")) {
            float[] v = sd.get(name).toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * 1.25f + 0.01f;
            }
            sd.put(name, TensorData.ofFloats(sd.get(name).shape(), v));
        }
        adapted = dir.resolve("adapted/generator.pt");
        Files.createDirectories(adapted.getParent());
        GeneratorExport.writeTorch(adapted, sd, base.latentAvg());
    }

    @Test
    void writesEveryKindOfFileAndEachReadsBack() throws Exception {
        Path out = dir.resolve("all");
        Cli.Run r = Cli.run("export", "--generator", adapted.toString(), "--out", out.toString(), "--seeds", "0-5",
                "--pairs", "--labels", "--columns", "3", "--gif", "walk", "--mp4", "morph", "--frames", "10",
                "--fps", "10", "--truncation", "0.7", "--pt", "--safetensors", "--delta");
        assertEquals(0, r.code(), r.err());
        Set<String> names = list(out);
        for (int s = 0; s < 6; s++) {
            assertTrue(names.contains(String.format("seed%04d.png", s)) && names.contains(String.format("seed%04d_frozen.png", s)));
        }
        assertTrue(names.containsAll(List.of("grid.png", "walk.gif", "morph.mp4", "generator.pt", "generator.safetensors",
                "generator-delta.safetensors", "export.json")), names.toString());
        assertEquals(6 * 2 + 7, names.size(), "nothing else, no staging folder left: " + names);

        BufferedImage one = ImageIO.read(out.resolve("seed0003.png").toFile());
        assertEquals(64, one.getWidth());
        BufferedImage grid = ImageIO.read(out.resolve("grid.png").toFile());
        assertTrue(grid.getWidth() >= 3 * 128 && grid.getHeight() > 2 * 64 + 2 * 10, "3 columns of frozen|adapted pairs,"
                + " 2 rows, each with a caption strip: " + grid.getWidth() + "x" + grid.getHeight());

        try (ImageInputStream in = ImageIO.createImageInputStream(out.resolve("walk.gif").toFile())) {
            ImageReader gif = ImageIO.getImageReaders(in).next();
            gif.setInput(in);
            assertEquals(10, gif.getNumImages(true));
            assertEquals(128, gif.read(0).getWidth(), "frozen | adapted side by side");
        }
        int frames = 0;
        AWTFrameGrab grab = AWTFrameGrab.createAWTFrameGrab(NIOUtils.readableChannel(out.resolve("morph.mp4").toFile()));
        for (BufferedImage f; (f = grab.getFrame()) != null; frames++) {
            assertEquals(4 * 64, f.getWidth(), "four seeds in a row");
        }
        assertEquals(10, frames);

        GeneratorCheckpoint pt = GeneratorCheckpoint.read(out.resolve("generator.pt"), null);
        GeneratorCheckpoint original = GeneratorCheckpoint.read(adapted, null);
        assertSameWeights(original, pt);
        assertSameWeights(original, GeneratorCheckpoint.read(out.resolve("generator.safetensors"), null));

        JsonNode side = new ObjectMapper().readTree(out.resolve("export.json").toFile());
        assertEquals(0.7, side.at("/images/truncation").asDouble());
        assertEquals(64, side.at("/models/adapted/sha256").asText().length());
        assertEquals(64, side.at("/models/base/sha256").asText().length());
        assertEquals(6 * 2 + 6, side.get("files").size(), "every other file, with its size");
        assertTrue(side.get("app").asText().startsWith("NADA Studio"));
    }

    @Test
    void aDeltaPlusItsBaseIsTheAdaptedGeneratorExactly() throws Exception {
        Path out = dir.resolve("delta");
        assertEquals(0, Cli.run("export", "--generator", adapted.toString(), "--out", out.toString(), "--no-pngs",
                "--no-grid", "--delta").code());
        Path delta = out.resolve("generator-delta.safetensors");
        assertTrue(Files.size(delta) < Files.size(adapted) / 4, "two changed tensors, not the whole generator: "
                + Files.size(delta) + " bytes");
        // the delta is read wherever a generator is: --generator DELTA (with its base) exports the whole one
        Path whole = dir.resolve("whole");
        Cli.Run r = Cli.run("export", "--generator", delta.toString(), "--base", "shapes", "--out", whole.toString(),
                "--no-pngs", "--no-grid", "--pt");
        assertEquals(0, r.code(), r.err());
        assertSameWeights(GeneratorCheckpoint.read(adapted, null), GeneratorCheckpoint.read(whole.resolve("generator.pt"), null));
        // applied to another base it is refused, by name
        Path other = dir.resolve("other.pt");
        GeneratorExport.writeTorch(other, GeneratorCheckpoint.read(adapted, null).stateDict(), base.latentAvg());
        Cli.Run wrong = Cli.run("export", "--generator", delta.toString(), "--base", other.toString(), "--out",
                dir.resolve("w").toString(), "--no-pngs", "--no-grid", "--pt");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("is a delta from the generator with sha256"), wrong.err());
    }

    @Test
    void refusalsAndFailuresLeaveTheFolderAsItWas() throws Exception {
        Path out = dir.resolve("kept");
        Files.createDirectories(out);
        Files.writeString(out.resolve("grid.png"), "an earlier export");
        Cli.Run clash = Cli.run("export", "--generator", adapted.toString(), "--out", out.toString(), "--seeds", "0-1");
        assertEquals(1, clash.code());
        assertTrue(clash.err().contains("already holds grid.png"), clash.err());
        assertEquals(Set.of("grid.png"), list(out));
        assertEquals("an earlier export", Files.readString(out.resolve("grid.png")));

        Path aFile = Files.writeString(dir.resolve("not-a-folder"), "x");
        Cli.Run file = Cli.run("export", "--generator", adapted.toString(), "--out", aFile.toString(), "--seeds", "0");
        assertEquals(1, file.code());
        assertTrue(file.err().contains("is a file, not a folder"), file.err());

        Cli.Run bad = Cli.run("export", "--generator", adapted.toString(), "--out", out.toString(), "--gif", "walk",
                "--seeds", "3");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("at least two seeds"), bad.err());
        assertEquals(Set.of("grid.png"), list(out));
    }

    @Test
    void aFullDiskIsNamedAsSuch() {
        java.nio.file.FileSystemException full = new java.nio.file.FileSystemException("/x/seed0001.png", null,
                "No space left on device");
        assertEquals("the disk is full", StagedFolder.reason(full));
    }

    static Set<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    static void assertSameWeights(GeneratorCheckpoint a, GeneratorCheckpoint b) {
        assertEquals(a.stateDict().keySet(), b.stateDict().keySet());
        for (String k : a.stateDict().keySet()) {
            assertTrue(GeneratorDelta.same(a.stateDict().get(k), b.stateDict().get(k)), k + " differs");
        }
        assertTrue(GeneratorDelta.same(a.latentAvg(), b.latentAvg()), "latent_avg differs");
    }

}
