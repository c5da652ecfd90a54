package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.export.Images;
import studio.nada.testing.Cli;
import studio.nada.toyworld.Scene;
import studio.nada.toyworld.ShapeColor;
import studio.nada.toyworld.ShapeKind;
import studio.nada.toyworld.ShapeRenderer;

/** {@code invert} then {@code translate} write what they say; a non-image is refused before any model loads. */
class InvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void invertThenTranslate() throws Exception {
        Path photo = dir.resolve("shape.png");
        Images.writePng(photo, ShapeRenderer.argb(new Scene(ShapeKind.CIRCLE, ShapeColor.BLUE, 0.18, 0.4, 0.55)));
        Cli.Run inv = Cli.run("invert", "--image", photo.toString(), "--steps", "20", "--out", dir.resolve("inv").toString());
        assertEquals(0, inv.code(), inv.err());
        for (String f : new String[] {"aligned.png", "reconstruction.png", "latent.safetensors", "inversion.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve("inv").resolve(f)), f);
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("inv/inversion.json").toFile());
        assertEquals(20, json.get("losses").size());
        assertTrue(json.get("psnr_db").asDouble() > 10, "twenty steps already resemble the photo");
        assertEquals(64, ImageIO.read(dir.resolve("inv/aligned.png").toFile()).getWidth());

        Cli.Run tr = Cli.run("translate", "--latent", dir.resolve("inv/latent.safetensors").toString(), "--base", "shapes",
                "--generator", ShapeRenderer.class.getResource("/studio/nada/toyworld/shapes_generator.pt").getPath(),
                "--out", dir.resolve("tr").toString());
        assertEquals(0, tr.code(), tr.err());
        assertEquals(2 * 64 + 3 * 2, ImageIO.read(dir.resolve("tr/strip.png").toFile()).getWidth());
        assertTrue(Files.isRegularFile(dir.resolve("tr/reconstruction.png")) && Files.isRegularFile(dir.resolve("tr/domain_1.png")));
    }

    @Test
    void aNonImageOrBadPointsAreRefusedPlainly() throws Exception {
        Path text = Files.writeString(dir.resolve("photo.jpg"), "hello");
        Cli.Run r = Cli.run("invert", "--image", text.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("photo.jpg") && r.err().contains("not an image"), r.err());
        Path photo = dir.resolve("shape.png");
        Images.writePng(photo, ShapeRenderer.argb(new Scene(ShapeKind.CIRCLE, ShapeColor.BLUE, 0.18, 0.4, 0.55)));
        Cli.Run eyes = Cli.run("invert", "--image", photo.toString(), "--eyes", "1,2,3", "--out", dir.resolve("o").toString());
        assertEquals(1, eyes.code());
        assertTrue(eyes.err().contains("--eyes takes 4 numbers"), eyes.err());
        assertTrue(Files.notExists(dir.resolve("o")), "nothing written");
    }
}
