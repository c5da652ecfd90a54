package studio.nada.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.nada.engine.TensorThread;
import studio.nada.ui.service.TrainingService;

/** What the studio says back: seed-field errors, the seed count, notices that name a path once. */
class FeedbackTest {
    @Test
    void anInvalidSeedListIsSaidAndTheLastGoodOneKept() {
        try (TensorThread thread = new TensorThread("feedback-test")) {
            PreviewViewModel vm = new PreviewViewModel(new TrainingService(thread, Runnable::run), new Notices());
            vm.seedsProperty().set("1,2");
            assertEquals("", vm.seedsErrorProperty().get());
            vm.seedsProperty().set("abc");
            assertTrue(vm.seedsErrorProperty().get().contains("\"abc\" is not a seed list"), vm.seedsErrorProperty().get());
            assertEquals(2, vm.seedList().length, "the last good seeds stay");
            vm.seedsProperty().set("0-99");
            assertTrue(vm.seedsErrorProperty().get().startsWith("100 seeds"), vm.seedsErrorProperty().get());
            vm.seedsProperty().set("0-3");
            assertEquals("", vm.seedsErrorProperty().get());
        }
        assertEquals("6 seeds shown", PreviewViewModel.describeShown(6));
        assertEquals("1 seed shown", PreviewViewModel.describeShown(1));
    }

    @Test
    void aNoticeSaysEachPathOnce() {
        assertEquals("cannot read /a/b/g.pt: g.pt is not a checkpoint",
                Notices.sayPathsOnce("cannot read /a/b/g.pt: /a/b/g.pt is not a checkpoint"));
        assertEquals("saved in /x/y.", Notices.sayPathsOnce("saved in /x/y."));
        assertEquals("/x/a and /x/b", Notices.sayPathsOnce("/x/a and /x/b"));
        Notices n = new Notices();
        n.post(Notice.error("t", "open /p/q.pt failed (/p/q.pt)"));
        assertEquals("open /p/q.pt failed (q.pt)", n.all().get(0).text());
    }

    @Test
    void advancedSettingsLockDuringARunAndSpeakPlainly() {
        AdvancedSettingsViewModel vm = new AdvancedSettingsViewModel();
        assertEquals(false, vm.lockedProperty().get());
        vm.setLocked(true);
        assertTrue(vm.lockedProperty().get());
        vm.apply(studio.nada.toyworld.ShapesWorld.recommended());
        String mapping = vm.recommendedText(AdvancedSettingsViewModel.Field.LAYER_MAPPING);
        assertTrue(mapping.equals("as in the paper") || mapping.equals("those reading it"),
                mapping);
    }

    @Test
    void aboutNamesTheVersionsAndLicenses() {
        String about = studio.nada.ui.service.AboutInfo.text();
        for (String part : java.util.List.of("NADA Studio", "Java ", "JavaFX ", "DJL 0.", "PyTorch ", "MIT", "Apache License 2.0",
                "GPL v2 with the Classpath Exception")) {
            assertTrue(about.contains(part), part + " in: " + about);
        }
    }

    private static studio.nada.nada.StepResult step(int it, float[] scores, int... chosen) {
        return new studio.nada.nada.StepResult(it, 1.0, 0.3, java.util.Map.of(), scores, chosen, java.util.List.of(), 5,
                java.util.Map.of());
    }

    @Test
    void theLayerMapExplainsARunWithOrWithoutAProbe() {
        LayerMapViewModel map = new LayerMapViewModel();
        assertTrue(map.legend().startsWith("Adapt to see"), map.legend());
        // all layers trained: no scores; the weight change colors the map
        map.reset(4, 20);
        map.add(step(1, null, 0, 1, 2, 3));
        map.add(step(2, null, 0, 1, 2, 3));
        assertEquals(null, map.changeAt(2), "no change before the first preview");
        map.addChange(2, new float[] {0.0342f, 0f, 0.0001f, 0.5f});
        assertTrue(map.showsChange());
        assertTrue(map.legend().startsWith("All layers train") && map.legend().contains("weights moved"), map.legend());
        map.trains(studio.nada.nada.NadaConfig.defaults("a", "b").withLayerSelection(0, 0,
                studio.nada.nada.LayerMapping.UPSTREAM, studio.nada.nada.PhasePreset.STYLES));
        assertTrue(map.legend().startsWith("Only the style affines train"), "a fixed set is named: " + map.legend());
        String hover = map.describe(0, 1);
        assertTrue(hover.startsWith("Layer w0 4px conv1") && hover.contains("Iteration 2")
                && hover.contains("Weights moved by 3.4% of their size"), hover);
        assertFalse(hover.contains("e-0"), "no scientific notation: " + hover);
        assertEquals("0.010%", LayerMapViewModel.percent(0.0001));
        // with a probe: scores in words, relative to the step's highest
        map.add(step(3, new float[] {3.48e-6f, 1e-6f, 0f, 6.96e-6f}, 3, 0));
        String scored = map.describe(0, 2);
        assertTrue(scored.contains("Probe score: 50% of this step's highest (rank 2 of 4)") && scored.contains("Trained at this step"),
                scored);
        assertFalse(scored.contains("e-0"), scored);
        map.clear();
        assertTrue(map.columns().isEmpty() && map.changes().isEmpty() && map.loss().isEmpty());
        assertEquals(0, map.nLatentProperty().get());
    }

    @Test
    void aModelSwitchClearsTheLayerMap() throws Exception {
        try (TensorThread thread = new TensorThread("map-clear-test")) {
            TrainingService service = new TrainingService(thread, Runnable::run);
            StudioViewModel vm = new StudioViewModel(service, new studio.nada.ui.service.SettingsStore(
                    java.nio.file.Files.createTempDirectory("map-clear")), studio.nada.ui.service.DefaultModels.known(),
                    Runnable::run);
            vm.layerMap().reset(10, 20);
            vm.layerMap().add(step(1, null, 0));
            vm.layerMap().addChange(1, new float[10]);
            vm.start();
            long end = System.nanoTime() + 60_000_000_000L;
            while (vm.models().currentProperty().get() == null && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertTrue(vm.models().currentProperty().get() != null, "the Shapes world loaded");
            assertTrue(vm.layerMap().columns().isEmpty() && vm.layerMap().changes().isEmpty(),
                    "the previous model's map is gone");
        }
    }
}
