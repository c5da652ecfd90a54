package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.PhasePreset;
import studio.nada.testing.Cli;
import studio.nada.toyworld.ShapesWorld;

/** {@code toyworld eval} prints the change × seed table and writes a before/after grid per cell. */
class ToyworldEvalCommandTest {
    @Test
    void printsOneRowPerChangeWithACellPerSeed(@TempDir Path dir) throws Exception {
        Cli.Run r = Cli.run("toyworld", "eval", "--changes", "red>blue,circle>square,outline", "--seeds", "0,1",
                "--iterations", "2", "--samples", "48", "--out", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("settings: 2 iterations, batch 2, all layers (no probe)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("red>blue") && l.split("%").length > 6), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("circle>square")), r.out());
        // two iterations change nothing visible: nothing meets the bar
        assertTrue(r.out().contains("0/3 changes meet the bar for every seed"), r.out());
        // last, the frozen generator's own drawing of the target: its red shapes drawn blue are blue
        // (10 of the 11 red ones among these 48 samples on the shipped generator, 98% of 192)
        String redBlue = r.out().lines().filter(l -> l.startsWith("red>blue")).findFirst().orElseThrow();
        String own = redBlue.substring(redBlue.lastIndexOf(' ') + 1);
        assertTrue(Integer.parseInt(own.replace("%", "")) >= 90, redBlue);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("outline") && l.endsWith("n/a")), "the generator draws no outlines");
        assertTrue(Files.exists(dir.resolve("red_blue_seed1.png")));
        // and the verdict on each sample that showed the source: as many rows as the row's n
        List<String> csv = Files.readAllLines(dir.resolve("circle_square_seed0.csv"));
        assertTrue(csv.get(0).startsWith("sample,before_color,before_kind"), csv.get(0));
        String row = r.out().lines().filter(l -> l.startsWith("circle>square")).findFirst().orElseThrow();
        int judged = Integer.parseInt(row.substring(row.indexOf(" n") + 2).trim().split(" ")[0]);
        assertEquals(judged + 1, csv.size(), row);
        assertTrue(csv.stream().skip(1).allMatch(l -> l.split(",")[2].equals("circle")), "every row showed a circle");
    }

    @Test
    void aChangesOwnRateAndFixedLayersAreNamedInItsRow() {
        NadaConfig base = ShapesWorld.recommended().config("shape", "shape", 0);
        NadaConfig styled = base.withIterations(280).withLr(0.014)
                .withLayerSelection(base.layersK(), 0, base.layerMapping(), PhasePreset.STYLES);
        assertEquals(" i280 lr0.014 styles", ToyworldEvalCommand.differences(styled, base));
        NadaConfig back = styled.withIterations(base.iterations()).withLr(base.lr());
        assertEquals(" probe " + base.autoLayerIters(), ToyworldEvalCommand.differences(base, back));
        assertEquals("", ToyworldEvalCommand.differences(base, base));
        assertEquals(" pool3 h10bg", ToyworldEvalCommand.differences(base.withSourcePool(3).withHoldBackground(true), base),
                "a pool and a hold on the background alone");
        assertEquals(" mix0.5", ToyworldEvalCommand.differences(base.withMixing(0.5), base));
        assertEquals(" cv2", ToyworldEvalCommand.differences(base.withContrastView(2), base));
        assertEquals(" cv3 an", ToyworldEvalCommand.differences(base.withContrastView(3).withAnneal(true), base));
    }

    @Test
    void anUnknownChangeIsNamedWithTheKnownOnes() {
        Cli.Run r = Cli.run("toyworld", "eval", "--changes", "red>purple");
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("no change named 'red>purple'") && r.err().contains("red>blue"), r.err());
    }
}
