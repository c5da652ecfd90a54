package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.nada.stylegan.GeneratorConfig;

class LayerSetsTest {
    /** 32 px: n_latent 8, convs 0..5, to_rgbs 0..2. */
    private static final GeneratorConfig TINY = new GeneratorConfig(32, 64, 4,
            Map.of(4, 32, 8, 32, 16, 32, 32, 32), 0.01);

    @Test
    void upstreamMappingIsTheReferences() {
        assertEquals(List.of("conv1"), LayerMapping.UPSTREAM.layers(0, TINY));
        assertEquals(List.of("to_rgb1"), LayerMapping.UPSTREAM.layers(1, TINY));
        assertEquals(List.of("convs.1"), LayerMapping.UPSTREAM.layers(3, TINY));
        assertEquals(List.of("convs.1", "convs.2", "convs.3"), LayerMapping.UPSTREAM.layers(new int[] {3, 4, 5}, TINY));
    }

    @Test
    void consumerMappingFollowsTheWPlusWiring() {
        assertEquals(List.of("conv1"), LayerMapping.CONSUMER.layers(0, TINY));
        assertEquals(List.of("convs.0", "to_rgb1"), LayerMapping.CONSUMER.layers(1, TINY));
        assertEquals(List.of("convs.1"), LayerMapping.CONSUMER.layers(2, TINY));
        assertEquals(List.of("convs.2", "to_rgbs.0"), LayerMapping.CONSUMER.layers(3, TINY));
        assertEquals(List.of("convs.5"), LayerMapping.CONSUMER.layers(6, TINY));
        assertEquals(List.of("to_rgbs.2"), LayerMapping.CONSUMER.layers(7, TINY));
        assertThrows(IllegalArgumentException.class, () -> LayerMapping.CONSUMER.layers(8, TINY));
    }

    @Test
    void phasePresetsAsTheReferencesTrainingLayers() {
        assertEquals(List.of("input", "conv1", "convs.0", "convs.1", "convs.2", "convs.3", "convs.4", "convs.5"),
                PhasePreset.NONE.layers(TINY));
        assertEquals(List.of("input", "conv1", "convs.0", "convs.1"), PhasePreset.SHAPE.layers(TINY));
        assertEquals(List.of("input", "conv1", "convs.2", "convs.3", "convs.4", "convs.5"), PhasePreset.TEXTURE.layers(TINY));
        assertEquals(List.of("input", "conv1", "convs.0", "convs.1", "convs.2"), PhasePreset.SHAPE_EXPANDED.layers(TINY));
        assertEquals(12, PhasePreset.ALL.layers(TINY).size()); // input, conv1, to_rgb1, 6 convs, 3 to_rgbs
        assertEquals(List.of("conv1.conv.modulation", "to_rgb1.conv.modulation", "convs.0.conv.modulation",
                "convs.1.conv.modulation", "convs.2.conv.modulation", "convs.3.conv.modulation", "convs.4.conv.modulation",
                "convs.5.conv.modulation", "to_rgbs.0.conv.modulation", "to_rgbs.1.conv.modulation",
                "to_rgbs.2.conv.modulation"), PhasePreset.STYLES.layers(TINY));
        // the two finest resolutions' convs whole (16 and 32 px here), and every to_rgb's style
        assertEquals(List.of("convs.2", "convs.3", "convs.4", "convs.5", "to_rgb1.conv.modulation",
                "to_rgbs.0.conv.modulation", "to_rgbs.1.conv.modulation", "to_rgbs.2.conv.modulation"),
                PhasePreset.FINE.layers(TINY));
        assertEquals(PhasePreset.FINE, PhasePreset.parse("fine"));
        assertEquals(PhasePreset.STYLES, PhasePreset.parse("styles"));
        assertEquals(PhasePreset.NO_FINE, PhasePreset.parse("no-fine"));
        assertThrows(IllegalArgumentException.class, () -> PhasePreset.parse("everything"));
    }

    @Test
    void wPlusLabelsFollowTheWiring() {
        assertEquals("w1 4px to_rgb1 / 8px conv (up)", SynthesisLayers.describeIndex(1, 10));
        assertEquals("w3 8px to_rgb / 16px conv (up)", SynthesisLayers.describeIndex(3, 10));
        assertEquals("w8 64px conv", SynthesisLayers.describeIndex(8, 10));
        assertEquals("w9 64px to_rgb", SynthesisLayers.describeIndex(9, 10));
    }

    @Test
    void topKIsHighestFirst() {
        assertEquals(List.of(3, 1), java.util.Arrays.stream(LayerSelector.topK(new float[] {0.1f, 0.5f, 0.2f, 0.9f}, 2))
                .boxed().toList());
    }

    @Test
    void configRejectsEmptyPromptsAndBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> NadaConfig.defaults(" ", "sketch"));
        assertThrows(IllegalArgumentException.class, () -> NadaConfig.defaults("photo", "sketch").withIterations(0));
        assertThrows(IllegalArgumentException.class, () -> NadaConfig.defaults("photo", "sketch").withMixing(1.5));
        assertThrows(IllegalArgumentException.class, () -> NadaConfig.defaults("photo", "sketch").withLr(Double.NaN));
        assertEquals(8, NadaConfig.defaults("photo", "sketch").k(8));
        NadaConfig c = NadaConfig.defaults("photo", "sketch").withSeed(7).withLayersK(3);
        assertEquals(c, RunSidecar.readConfig(RunSidecar.configJson(c)));
    }
}
