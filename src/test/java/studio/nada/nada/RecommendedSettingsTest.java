package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.toyworld.ShapesWorld;

/** A model set's recommended settings: the paper's values, JSON both ways, a clear error for a bad file. */
class RecommendedSettingsTest {
    @TempDir
    Path dir;

    @Test
    void thePapersDefaultsAreItsPublishedCommand() {
        RecommendedSettings p = RecommendedSettings.paperDefaults();
        assertEquals(301, p.iterations());
        assertEquals(2, p.batch());
        assertEquals(0, p.layersK(), "all layers");
        assertEquals(1, p.autoLayerIters());
        assertEquals(8, p.autoLayerBatch(), "the paper's probe batch");
        assertEquals(LayerMapping.UPSTREAM, p.layerMapping());
        assertEquals(0.0016, p.lr(), 1e-15);
        assertEquals(0.0, p.mixing());
        assertEquals(1.0, p.clipWeight(0));
        assertEquals(1.0, p.clipWeight(1));
        assertEquals("photo", p.source());
        assertEquals("sketch", p.target());
        NadaConfig d = NadaConfig.defaults("photo", "sketch");
        assertEquals(List.of(d.iterations(), d.batch(), d.layersK(), d.autoLayerIters(), d.autoLayerBatch()),
                List.of(p.iterations(), p.batch(), p.layersK(), p.autoLayerIters(), p.autoLayerBatch()),
                "the same as NadaConfig's");
        assertEquals(d.lr(), p.lr());
        assertEquals(0.0, p.directionFloor(), "the paper's directional loss, unfloored");
        assertEquals(0.0, d.directionFloor());
        assertEquals(0, p.sourcePool(), "the paper trains on every code drawn");
        assertEquals(0, d.sourcePool());
        assertFalse(d.filtersSource());
        assertEquals(0.0, p.holdWeight(), "the paper holds nothing");
        assertFalse(d.holdsOthers());
    }

    @Test
    void jsonRoundTripsAndLeftOutFieldsTakeThePapersValues() {
        RecommendedSettings shapes = ShapesWorld.recommended();
        assertEquals(shapes, RecommendedSettings.fromJson(shapes.toJson()));
        assertTrue(shapes.toJson().contains("\"consumer\"") || shapes.toJson().contains("\"upstream\""),
                "the mapping is written as the command line spells it");

        RecommendedSettings partial = RecommendedSettings.fromJson("{\"lr\": 0.01, \"layerMapping\": \"Consumer\"}");
        RecommendedSettings p = RecommendedSettings.paperDefaults();
        assertEquals(0.01, partial.lr());
        assertEquals(LayerMapping.CONSUMER, partial.layerMapping());
        assertEquals(p.iterations(), partial.iterations());
        assertEquals(8, partial.autoLayerBatch(), "a file written before the field probes 8 codes");
        assertEquals(2, RecommendedSettings.fromJson("{\"autoLayerBatch\": 2}").autoLayerBatch());
        assertEquals(0.0, partial.directionFloor(), "a file written before the field keeps the paper's loss");
        RecommendedSettings floored = RecommendedSettings.fromJson("{\"directionFloor\": 0.02}");
        assertEquals(0.02, floored.directionFloor());
        assertEquals(0.02, floored.config("a", "b", 0).directionFloor(), "runs take the floor");
        assertTrue(floored.summary().contains("direction floor 0.02"), floored.summary());
        assertEquals(0, partial.sourcePool(), "a file written before the field trains on every code drawn");
        RecommendedSettings pooled = RecommendedSettings.fromJson("{\"sourcePool\": 8, \"batch\": 2}");
        assertTrue(pooled.config("a", "b", 0).filtersSource(), "runs take the source pool");
        assertEquals(8, pooled.config("a", "b", 0).sourcePool());
        assertTrue(pooled.summary().contains("source pool 8"), pooled.summary());
        assertFalse(pooled.config("a", "b", 0).withBatch(8).filtersSource(), "a pool no larger than the batch is off");
        assertEquals(0.0, partial.holdWeight(), "a file written before the field holds nothing");
        RecommendedSettings held = RecommendedSettings.fromJson("{\"sourcePool\": 8, \"batch\": 2, \"holdWeight\": 10}");
        assertTrue(held.config("a", "b", 0).holdsOthers(), "runs take the hold");
        assertTrue(held.summary().contains("hold weight 10"), held.summary());
        assertFalse(RecommendedSettings.fromJson("{\"holdWeight\": 10}").config("a", "b", 0).holdsOthers(),
                "without a source pool nothing tells the other codes apart");
        RecommendedSettings own = RecommendedSettings.fromJson("{\"sourcePool\": 8, \"batch\": 2, \"holdWeight\": 10,"
                + " \"suggestions\": [{\"source\": \"small shape\", \"target\": \"large shape\", \"holdWeight\": 0},"
                + " {\"source\": \"red shape\", \"target\": \"blue shape\"}]}");
        assertEquals(0.0, own.forPrompt(" Small shape", "large shape ").holdWeight(), "a suggestion's own hold");
        assertEquals(10.0, own.forPrompt("large shape", "small shape").holdWeight(), "the set's for any other");
        assertEquals(10.0, own.forPrompt("red shape", "blue shape").holdWeight(), "and for a suggestion without one");
        assertEquals(own, RecommendedSettings.fromJson(own.toJson()));
        RecommendedSettings kinds = RecommendedSettings.fromJson("{\"iterations\": 140, \"batch\": 2,"
                + " \"directionFloor\": 0.02, \"holdWeight\": 10, \"suggestions\": [{\"source\": \"triangle\","
                + " \"target\": \"square\", \"iterations\": 300, \"batch\": 4, \"directionFloor\": 0.5}]}");
        RecommendedSettings square = kinds.forPrompt("Triangle", "square");
        assertEquals(List.of(300, 4, 0.5, 10.0), List.of(square.iterations(), square.batch(), square.directionFloor(),
                square.holdWeight()), "a suggestion's own iterations, batch and floor; the set's hold");
        assertEquals(List.of(140, 2, 0.02), List.of(kinds.forPrompt("square", "triangle").iterations(),
                kinds.forPrompt("square", "triangle").batch(), kinds.forPrompt("square", "triangle").directionFloor()),
                "the set's for any other change");
        assertEquals(kinds, RecommendedSettings.fromJson(kinds.toJson()));
        RecommendedSettings styled = RecommendedSettings.fromJson("{\"layersK\": 0, \"autoLayerIters\": 1, \"lr\": 0.0035,"
                + " \"suggestions\": [{\"source\": \"square\", \"target\": \"circle\", \"lr\": 0.014,"
                + " \"phase\": \"Styles\"}]}");
        NadaConfig circle = styled.forPrompt("square", "circle").config("square", "circle", 0);
        assertEquals(List.of(0.014, 0, PhasePreset.STYLES), List.of(circle.lr(), circle.autoLayerIters(), circle.phase()),
                "a suggestion's own rate, and its fixed layers with the probe off");
        NadaConfig other = styled.forPrompt("circle", "square").config("circle", "square", 0);
        assertEquals(List.of(0.0035, 1, PhasePreset.NONE), List.of(other.lr(), other.autoLayerIters(), other.phase()),
                "the set's for any other change");
        assertTrue(styled.forPrompt("square", "circle").summary().contains("phase styles"),
                styled.forPrompt("square", "circle").summary());
        assertEquals(styled, RecommendedSettings.fromJson(styled.toJson()));
        assertEquals("styles", styled.suggestions().get(0).phase(), "written as the preset's name");
        assertEquals(PhasePreset.STYLES, RecommendedSettings.fromJson("{\"autoLayerIters\": 0, \"phase\": \"styles\"}")
                .config("a", "b", 0).phase(), "a set may fix its layers too");
        assertFalse(own.toJson().contains("null"), "a suggestion without a hold of its own writes none: " + own.toJson());
        assertEquals(p.suggestions(), partial.suggestions());
        assertEquals("this model set", partial.name());
        assertEquals("0.005", RecommendedSettings.number(0.005));
        assertEquals("1", RecommendedSettings.number(1.0));
    }

    @Test
    void aSuggestionMayPoolItsCodesAndHoldOnlyTheBackground() {
        RecommendedSettings set = RecommendedSettings.fromJson("{\"sourcePool\": 8, \"batch\": 2, \"holdWeight\": 10,"
                + " \"suggestions\": [{\"source\": \"shape\", \"target\": \"outline of a shape\", \"sourcePool\": 3,"
                + " \"holdBackground\": true, \"mixing\": 0.5}]}");
        NadaConfig outline = set.forPrompt("shape", "outline of a shape").config("shape", "outline of a shape", 0);
        assertEquals(List.of(3, 10.0, true, 0.5), List.of(outline.sourcePool(), outline.holdWeight(),
                outline.holdBackground(), outline.mixing()), "the suggestion's own pool, mixing and a hold on the background alone");
        NadaConfig other = set.forPrompt("red shape", "blue shape").config("red shape", "blue shape", 0);
        assertEquals(List.of(8, false, 0.0), List.of(other.sourcePool(), other.holdBackground(), other.mixing()),
                "the set's for any other");
        assertTrue(set.forPrompt("shape", "outline of a shape").summary().contains("hold weight 10 on the background"),
                set.forPrompt("shape", "outline of a shape").summary());
        assertFalse(set.summary().contains("background"), set.summary());
        assertEquals(set, RecommendedSettings.fromJson(set.toJson()));
        assertFalse(set.toJson().contains("\"holdBackground\" : false"), "a set that holds whole pictures says nothing: "
                + set.toJson());
        RecommendedSettings whole = RecommendedSettings.fromJson("{\"holdBackground\": true}");
        assertTrue(whole.holdBackground() && whole.config("a", "b", 0).holdBackground(), "a set may hold backgrounds too");
        assertEquals(whole, RecommendedSettings.fromJson(whole.toJson()));
        assertFalse(RecommendedSettings.paperDefaults().config("a", "b", 0).holdBackground(), "the paper holds nothing");
        assertBad("{\"holdBackground\": \"yes\"}", "holdBackground: expected true or false");
        assertBad("{\"suggestions\": [{\"source\": \"a\", \"target\": \"b\", \"sourcePool\": 65}]}",
                "suggestion sourcePool must be 0");
        assertBad("{\"suggestions\": [{\"source\": \"a\", \"target\": \"b\", \"mixing\": 1.5}]}",
                "suggestion mixing must be a probability");
    }

    /** A suggestion may ask for the contrast view; the set's (off, as in the paper) holds for the rest. */
    @Test
    void aSuggestionMayReadItsPicturesInTheContrastView() {
        RecommendedSettings set = RecommendedSettings.fromJson("{\"suggestions\": [{\"source\": \"shape\","
                + " \"target\": \"outline of a shape\", \"contrastView\": 2}, {\"source\": \"a\", \"target\": \"b\"}]}");
        RecommendedSettings outline = set.forPrompt("shape", "outline of a shape");
        assertEquals(2, outline.config("shape", "outline of a shape", 0).contrastView());
        assertTrue(outline.summary().contains("contrast view 2"), outline.summary());
        assertEquals(0, set.forPrompt("a", "b").config("a", "b", 0).contrastView());
        assertFalse(set.summary().contains("contrast"), set.summary());
        assertEquals(set, RecommendedSettings.fromJson(set.toJson()));
        assertFalse(set.toJson().contains("null"), "a suggestion without a view of its own writes none: " + set.toJson());
        assertEquals(3, RecommendedSettings.fromJson("{\"contrastView\": 3}").config("a", "b", 0).contrastView(),
                "a set may read every picture so");
        assertEquals(0, RecommendedSettings.paperDefaults().config("a", "b", 0).contrastView());
        assertBad("{\"contrastView\": 0.5}", "contrastView must be 0 (off) or 1 to 10");
        assertBad("{\"suggestions\": [{\"source\": \"a\", \"target\": \"b\", \"contrastView\": 11}]}",
                "suggestion contrastView must be 0 (off) or 1 to 10");
    }

    /** A suggestion may anneal its run; the set's (a constant rate, as in the paper) holds for the rest. */
    @Test
    void aSuggestionMayAnnealItsRun() {
        RecommendedSettings set = RecommendedSettings.fromJson("{\"suggestions\": [{\"source\": \"shape\","
                + " \"target\": \"outline of a shape\", \"anneal\": true}, {\"source\": \"a\", \"target\": \"b\"}]}");
        RecommendedSettings outline = set.forPrompt("shape", "outline of a shape");
        assertTrue(outline.config("shape", "outline of a shape", 0).anneal());
        assertTrue(outline.summary().contains("annealed"), outline.summary());
        assertFalse(set.forPrompt("a", "b").config("a", "b", 0).anneal());
        assertFalse(set.summary().contains("anneal"), set.summary());
        assertEquals(set, RecommendedSettings.fromJson(set.toJson()));
        assertFalse(set.toJson().contains("null"), "a suggestion without its own writes none: " + set.toJson());
        assertTrue(RecommendedSettings.fromJson("{\"anneal\": true}").config("a", "b", 0).anneal(), "a set may anneal every run");
        assertFalse(RecommendedSettings.paperDefaults().config("a", "b", 0).anneal());
        assertBad("{\"anneal\": \"sometimes\"}", "anneal: expected true or false");
    }

    @Test
    void theShapesWorldRecommendsShapesPromptsForBothOfItsClips() {
        RecommendedSettings r = ShapesWorld.recommended();
        assertEquals("the Shapes world", r.name());
        assertEquals(2, r.clipWeights().size(), "one weight per shipped CLIP");
        assertFalse(r.source().contains("photo"), r.source());
        assertTrue(r.suggestions().contains(new RecommendedSettings.Prompt(r.source(), r.target())),
                "the default prompt is among the suggestions");
    }

    @Test
    void aBadFileGivesAClearMessage() {
        assertBad("{ not json", "not valid");
        assertBad("[]", "not valid");
        assertBad("null", "null");
        assertBad("{\"iteratoins\": 70}", "unknown field 'iteratoins'");
        assertBad("{\"iterations\": \"70\"}", "iterations");
        assertBad("{\"iterations\": 70.5}", "iterations");
        assertBad("{\"iterations\": 0}", "iterations must be 1 to");
        assertBad("{\"batch\": 1000000000}", "batch must be 1 to 64");
        assertBad("{\"phase\": \"colors\"}", "unknown phase 'colors'");
        assertBad("{\"suggestions\": [{\"source\": \"a\", \"target\": \"b\", \"phase\": \"x\"}]}", "unknown phase 'x'");
        assertBad("{\"suggestions\": [{\"source\": \"a\", \"target\": \"b\", \"lr\": 0}]}", "suggestion lr must be");
        assertBad("{\"layersK\": -1}", "layersK");
        assertBad("{\"autoLayerBatch\": 0}", "autoLayerBatch must be 1 to 64");
        assertBad("{\"lr\": -0.1}", "lr must be a positive number");
        assertBad("{\"lr\": NaN}", "not valid");
        assertBad("{\"mixing\": 2}", "mixing must be a probability");
        assertBad("{\"directionFloor\": -0.01}", "directionFloor must be 0");
        assertBad("{\"sourcePool\": 100000}", "sourcePool must be 0");
        assertBad("{\"holdWeight\": -1}", "holdWeight must be 0");
        assertBad("{\"holdWeight\": 1e9}", "holdWeight must be 0");
        assertBad("{\"suggestions\": [{\"source\": \"a\", \"target\": \"b\", \"holdWeight\": -2}]}",
                "suggestion holdWeight must be 0");
        assertBad("{\"suggestions\": [{\"source\": \"a\", \"target\": \"b\", \"batch\": 100000}]}",
                "suggestion batch must be 1 to 64");
        assertBad("{\"suggestions\": [{\"source\": \"a\", \"target\": \"b\", \"iterations\": 0}]}",
                "suggestion iterations must be 1 to");
        assertBad("{\"suggestions\": [{\"source\": \"a\", \"target\": \"b\", \"directionFloor\": 3}]}",
                "suggestion directionFloor must be 0");
        assertBad("{\"layerMapping\": \"sideways\"}", "use upstream or consumer");
        assertBad("{\"clipWeights\": [1, -1]}", "clipWeights entry");
        assertBad("{\"clipWeights\": [1, null]}", "null entries");
        assertBad("{\"source\": \"  \"}", "source must not be empty");
        assertBad("{\"source\": \"" + "a".repeat(300) + "\"}", "longer than 200");
        assertBad("{\"suggestions\": [null]}", "null entries");
        assertBad("{\"suggestions\": [{\"source\": \"red\"}]}", "suggestion target must not be empty");
        assertBad("{\"lr\": 0.01, \"lr\": 0.02}", "lr");
        assertBad("{\"suggestions\": " + "[".repeat(5000) + "]".repeat(5000) + "}", "not valid");
        assertBad("{} trailing", "not valid");
    }

    @Test
    void aFileTooLargeIsRefusedBeforeParsing() {
        byte[] big = ("{\"name\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecommendedSettings.read(new ByteArrayInputStream(big), "big.json"));
        assertTrue(e.getMessage().startsWith("big.json: ") && e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void theBuildOutputGetsTheShippedFile() throws Exception {
        ShapesWorld.copyRecommended(dir);
        try (var in = Files.newInputStream(dir.resolve(ShapesWorld.RECOMMENDED_FILE))) {
            assertEquals(ShapesWorld.recommended(), RecommendedSettings.read(in, ShapesWorld.RECOMMENDED_FILE));
        }
    }

    private static void assertBad(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecommendedSettings.fromJson(json), json);
        assertTrue(e.getMessage().contains(expected), json + " gave: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n\tat "), "no stack trace in the message");
    }
}
