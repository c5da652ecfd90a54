package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.nada.RecommendedSettings;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;
import studio.nada.toyworld.ShapesWorld;

/**
 * {@code train} takes every NADA flag left out from the model set's recommendation and every flag
 * given from the command line; run.json records what was used. Two iterations each: what is
 * checked is the configuration, not what the run learns.
 */
class TrainCommandRecommendedTest {
    @TempDir
    Path dir;

    @Test
    void theShapesWorldRunsOnItsOwnRecommendationExceptForGivenFlags() throws Exception {
        RecommendedSettings rec = ShapesWorld.recommended();
        Cli.Run run = train(List.of("--source", "red shape", "--target", "blue shape", "--iterations", "2",
                "--lr", "0.0123"));
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("settings: recommended for the Shapes world (" + rec.summary()
                + "); given: --iterations, --lr"), run.out());

        JsonNode config = runJson().get("config");
        assertEquals(2, config.get("iterations").asInt(), "given");
        assertEquals(0.0123, config.get("lr").asDouble(), 0.0, "given");
        assertEquals(rec.batch(), config.get("batch").asInt());
        assertEquals(rec.layersK(), config.get("layersK").asInt());
        assertEquals(rec.autoLayerIters(), config.get("autoLayerIters").asInt());
        assertEquals(rec.layerMapping().name(), config.get("layerMapping").asText());
        assertEquals(rec.mixing(), config.get("mixing").asDouble(), 0.0);
        assertEquals(List.of(rec.clipWeight(0), rec.clipWeight(1)), clipWeights());
        assertEquals(rec.holdWeight(), config.get("holdWeight").asDouble(), 0.0);
    }

    /** A prompt that is one of the set's suggestions runs on that suggestion's own settings. */
    @Test
    void aSuggestedPromptRunsOnItsOwnSettings() throws Exception {
        RecommendedSettings rec = ShapesWorld.recommended();
        assertTrue(rec.holdWeight() > 0, "the Shapes world holds the other codes");
        Cli.Run run = train(List.of("--source", "small shape", "--target", "large shape", "--iterations", "1"));
        assertEquals(0, run.code(), run.out() + run.err());
        assertEquals(0.0, runJson().get("config").get("holdWeight").asDouble(), 0.0,
                "small -> large trains without the hold, as its suggestion says");
    }

    /**
     * The outline suggestion pools its codes its own way, holds only the background, trains the fine
     * layers, reads its pictures in the contrast view and anneals; a flag wins.
     */
    @Test
    void theOutlineHoldsOnlyTheBackgroundUnlessToldOtherwise() throws Exception {
        RecommendedSettings outline = ShapesWorld.recommended().forPrompt("shape", "outline of a shape");
        assertTrue(outline.holdBackground(), "the outline's suggestion holds the background alone");
        Cli.Run run = train(List.of("--source", "shape", "--target", "outline of a shape", "--iterations", "1"));
        assertEquals(0, run.code(), run.out() + run.err());
        JsonNode config = runJson().get("config");
        assertTrue(config.get("holdBackground").asBoolean(), config.toString());
        assertEquals(outline.sourcePool(), config.get("sourcePool").asInt());
        assertEquals(outline.contrastView(), config.get("contrastView").asDouble(), 0, "and reads its pictures in the contrast view");
        assertEquals("fine", config.get("phase").asText().toLowerCase(java.util.Locale.ROOT), config.toString());
        assertTrue(outline.anneal() && config.get("anneal").asBoolean(), "and anneals: " + config);
        Path whole = dir.resolve("whole");
        run = Cli.run("train", "--device", "cpu", "--preview-seeds", "0-1", "--checkpoint-every", "0", "--sample-every",
                "0", "--out", whole.toString(), "--source", "shape", "--target", "outline of a shape", "--iterations", "1",
                "--hold-background=false");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("given: --iterations, --hold-background"), run.out());
        assertFalse(new ObjectMapper().readTree(whole.resolve("run.json").toFile()).get("config").get("holdBackground")
                .asBoolean(), "given");
    }

    @Test
    void anyOtherGeneratorRunsOnThePapersDefaults() throws Exception {
        Path generator = Fixtures.golden("sg2_tiny.pt");
        Cli.Run run = train(List.of("--generator", generator.toString(), "--clip",
                "tiny=" + Fixtures.golden("clip_tiny_state.pt"), "--clip-heads", "1:2", "--source", "photo",
                "--target", "sketch", "--iterations", "2", "--mixing", "0.5", "--layer-mapping", "CONSUMER"));
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("given: --iterations, --layer-mapping, --mixing"), run.out());

        JsonNode config = runJson().get("config");
        assertEquals(2, config.get("batch").asInt());
        assertEquals(0, config.get("layersK").asInt(), "all layers");
        assertEquals(1, config.get("autoLayerIters").asInt());
        assertEquals(0.0016, config.get("lr").asDouble(), 1e-12);
        assertEquals("CONSUMER", config.get("layerMapping").asText(), "given");
        assertEquals(0.5, config.get("mixing").asDouble(), 0.0, "given");
        assertEquals(List.of(1.0), clipWeights());
    }

    @Test
    void aMissingPromptSuggestsTheModelSetsOwn() {
        Cli.Run run = Cli.run("train", "--out", dir.toString());
        assertEquals(1, run.code(), run.out());
        assertTrue(run.err().contains("--source \"blue shape\" --target \"green shape\""), run.err());
    }

    private Cli.Run train(List<String> args) {
        List<String> all = new ArrayList<>(List.of("train", "--device", "cpu", "--preview-seeds", "0-1",
                "--checkpoint-every", "0", "--sample-every", "0", "--out", dir.toString()));
        all.addAll(args);
        return Cli.run(all.toArray(String[]::new));
    }

    private JsonNode runJson() throws Exception {
        return new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    }

    private List<Double> clipWeights() throws Exception {
        List<Double> out = new ArrayList<>();
        runJson().get("models").get("clip").forEach(c -> out.add(c.get("weight").asDouble()));
        return out;
    }
}
