package studio.nada.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.clip.ClipTokenizer;
import studio.nada.engine.TensorThread;
import studio.nada.nada.LayerMapping;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.PhasePreset;
import studio.nada.nada.RecommendedSettings;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.ui.service.DefaultModels;
import studio.nada.ui.service.ModelSet;
import studio.nada.ui.service.Settings;
import studio.nada.ui.service.SettingsStore;
import studio.nada.ui.service.TrainingService;

/** View models without a window or models: JavaFX properties work without the toolkit. */
class ViewModelsTest {
    private static final RecommendedSettings SHAPES = ShapesWorld.recommended();
    @TempDir
    Path dir;

    @Test
    void aFinishedRunSaysHowLongItTookInUnitsThatFit() {
        assertEquals("27 s", RunViewModel.formatDuration(26.6));
        assertEquals("0 s", RunViewModel.formatDuration(0.2));
        assertEquals("1m00s", RunViewModel.formatDuration(59.7));
        assertEquals("4m05s", RunViewModel.formatDuration(245));
        assertEquals("1h02m", RunViewModel.formatDuration(3725));
        long s = 1_000_000_000L;
        assertEquals(20, RunViewModel.runSeconds(0, 30 * s, 10 * s, -1), 1e-9, "a pause that ended");
        assertEquals(20, RunViewModel.runSeconds(0, 30 * s, 4 * s, 24 * s), 1e-9, "stopped while paused: that pause too");
    }

    @Test
    void promptSaysWhatIsMissingAndKeepsOnlyImages() {
        PromptViewModel vm = new PromptViewModel();
        assertNull(vm.problem());
        vm.targetProperty().set("  ");
        assertTrue(vm.problem().contains("target"));
        vm.sourceProperty().set("");
        assertTrue(vm.problem().contains("source and a target"));
        assertEquals(2, vm.addStyleImages(List.of(Path.of("a.png"), Path.of("b.JPG"), Path.of("notes.txt"), Path.of("a.png"))));
        vm.recommendationChanged(SHAPES);
        vm.apply(vm.suggestions().get(3));
        assertEquals(SHAPES.suggestions().get(3).source(), vm.sourceProperty().get());
        assertEquals(SHAPES.suggestions().get(3).target(), vm.targetProperty().get());
    }

    @Test
    void aModelSetBringsItsDefaultPromptAndSuggestions() {
        PromptViewModel vm = new PromptViewModel();
        assertEquals("photo", vm.sourceProperty().get(), "the paper's before any set is loaded");
        vm.sourceProperty().set("dog");
        vm.recommendationChanged(SHAPES);
        assertEquals(SHAPES.source(), vm.sourceProperty().get(), "the typed prompt fitted the previous generator");
        assertEquals(SHAPES.target(), vm.targetProperty().get());
        assertEquals(PromptPresets.of(SHAPES), vm.suggestions());
        vm.targetProperty().set("");
        assertTrue(vm.problem().contains("\"" + SHAPES.target() + "\""), "the example fits the model: " + vm.problem());
        vm.recommendationChanged(RecommendedSettings.paperDefaults());
        assertEquals("photo", vm.sourceProperty().get());
        assertEquals("sketch", vm.targetProperty().get());
    }

    @Test
    void advancedSettingsStartFromTheRecommendationAndSayWhatDiffers() {
        AdvancedSettingsViewModel vm = new AdvancedSettingsViewModel();
        assertEquals(301, vm.iterationsProperty().get(), "the paper's before any set is loaded");
        vm.seedProperty().set(9);
        vm.apply(SHAPES);
        NadaConfig c = vm.toConfig("red shape", "blue shape");
        assertEquals(SHAPES.iterations(), c.iterations());
        assertEquals(SHAPES.batch(), c.batch());
        assertEquals(SHAPES.layersK(), c.layersK());
        assertEquals(SHAPES.layerMapping(), c.layerMapping());
        assertEquals(SHAPES.autoLayerIters(), c.autoLayerIters());
        assertEquals(2, c.autoLayerBatch(), "the probe's batch is the model set's");
        assertEquals(SHAPES.directionFloor(), c.directionFloor(), "so is the direction floor");
        assertEquals(SHAPES.sourcePool(), c.sourcePool(), "and the source pool");
        assertEquals(SHAPES.holdWeight(), c.holdWeight(), "and the hold");
        assertEquals(0.0, vm.toConfig("small shape", "large shape").holdWeight(), "a suggestion's own hold");
        assertEquals(SHAPES.lr(), c.lr());
        assertEquals(SHAPES.mixing(), c.mixing());
        assertEquals(SHAPES.clipWeights(), vm.parsedClipWeights());
        assertEquals(9, c.seed(), "the seed is the studio's, not the model's");
        assertFalse(vm.anyDiffers().get());

        vm.lrProperty().set(SHAPES.lr() * 2);
        vm.clipWeightsProperty().set("1, heavy");
        assertTrue(vm.differs(AdvancedSettingsViewModel.Field.LR).get());
        assertTrue(vm.differs(AdvancedSettingsViewModel.Field.CLIP_WEIGHTS).get(), "unreadable weights differ");
        assertFalse(vm.differs(AdvancedSettingsViewModel.Field.ITERATIONS).get());
        assertTrue(vm.anyDiffers().get());
        assertEquals(RecommendedSettings.number(SHAPES.lr()), vm.recommendedText(AdvancedSettingsViewModel.Field.LR));
        vm.resetToRecommended();
        assertEquals(SHAPES.lr(), vm.lrProperty().get());
        assertFalse(vm.anyDiffers().get());
        assertEquals(9, vm.seedProperty().get(), "reset leaves the seed");

        vm.apply(RecommendedSettings.paperDefaults());
        assertEquals(0, vm.layersKProperty().get());
        assertEquals(LayerMapping.UPSTREAM, vm.layerMappingProperty().get());
        assertEquals("", vm.clipWeightsProperty().get(), "1 each");
        assertEquals("0 (all layers)", vm.recommendedText(AdvancedSettingsViewModel.Field.LAYERS_K));
    }

    /**
     * A suggestion may carry its own settings: typing that prompt brings them into the sheet where
     * the user has not changed them, and a value the user typed stays.
     */
    @Test
    void aSuggestionsOwnSettingsFollowThePrompt() {
        RecommendedSettings set = RecommendedSettings.fromJson("{\"iterations\": 140, \"batch\": 2,"
                + " \"directionFloor\": 0.02, \"sourcePool\": 8, \"holdWeight\": 10, \"source\": \"blue shape\","
                + " \"target\": \"green shape\", \"suggestions\": [{\"source\": \"blue shape\", \"target\": \"green shape\"},"
                + " {\"source\": \"triangle\", \"target\": \"square\", \"iterations\": 300, \"batch\": 4,"
                + " \"directionFloor\": 0.5, \"lr\": 0.021, \"phase\": \"styles\", \"mixing\": 0.5, \"sourcePool\": 3,"
                + " \"holdBackground\": true}]}");
        AdvancedSettingsViewModel vm = new AdvancedSettingsViewModel();
        vm.promptChanged("blue shape", "green shape");
        vm.apply(set);
        assertEquals(140, vm.iterationsProperty().get());
        vm.promptChanged("triangle", "square");
        assertEquals(300, vm.iterationsProperty().get(), "the suggestion's own iterations");
        assertEquals(4, vm.batchProperty().get(), "and batch");
        assertEquals(0.021, vm.lrProperty().get(), "and rate");
        assertEquals(0.5, vm.mixingProperty().get(), "and style mixing");
        assertEquals(List.of(0, PhasePreset.STYLES), List.of(vm.autoLayerItersProperty().get(), vm.phaseProperty().get()),
                "and its fixed layers, the probe off");
        assertFalse(vm.anyDiffers().get(), "they are the recommendation for this prompt");
        NadaConfig c = vm.toConfig("triangle", "square");
        assertEquals(0.5, c.directionFloor(), "the floor is the suggestion's too");
        assertEquals(List.of(0.021, 0, PhasePreset.STYLES), List.of(c.lr(), c.autoLayerIters(), c.phase()), "a run takes them");
        assertEquals(10.0, c.holdWeight(), "the set's where the suggestion names none");
        assertEquals(List.of(0.5, 3, true), List.of(c.mixing(), c.sourcePool(), c.holdBackground()),
                "its mixing, its pool and its hold on the background alone");

        vm.iterationsProperty().set(50);
        vm.promptChanged("red shape", "blue shape");
        assertEquals(50, vm.iterationsProperty().get(), "a value the user typed stays");
        assertEquals(2, vm.batchProperty().get(), "an untouched one goes back to the set's");
        assertEquals(0.0, vm.mixingProperty().get(), "mixing too");
        assertEquals(List.of(8, false), List.of(vm.toConfig("red shape", "blue shape").sourcePool(),
                vm.toConfig("red shape", "blue shape").holdBackground()), "and the set's pool and whole-picture hold");
        assertEquals(List.of(1, PhasePreset.NONE), List.of(vm.autoLayerItersProperty().get(), vm.phaseProperty().get()),
                "the probe comes back with the set's layer choice");
        assertEquals(0.02, vm.toConfig("red shape", "blue shape").directionFloor());
        vm.promptChanged("triangle", "square");
        vm.apply(set);
        assertEquals(300, vm.iterationsProperty().get(),
                "a model set loaded under a suggestion's prompt starts from that suggestion's settings");
    }

    @Test
    void aChangeNotListedKeepsItsSettingsButIsNotOffered() {
        RecommendedSettings set = RecommendedSettings.fromJson("{\"source\": \"red shape\", \"target\": \"blue shape\","
                + " \"suggestions\": [{\"source\": \"red shape\", \"target\": \"blue shape\"}, {\"source\": \"triangle\","
                + " \"target\": \"square\", \"lr\": 0.021, \"phase\": \"styles\", \"listed\": false}]}");
        assertEquals(List.of(new PromptPresets.Preset("red shape", "blue shape")), PromptPresets.of(set));
        AdvancedSettingsViewModel vm = new AdvancedSettingsViewModel();
        vm.apply(set);
        vm.promptChanged("triangle", "square");
        assertEquals(0.021, vm.toConfig("triangle", "square").lr(), "typed, it runs with its own settings");
        assertEquals(set, RecommendedSettings.fromJson(set.toJson()));
    }

    @Test
    void aFileTheUserOpensGetsThePapersSettingsAndAClipFileKeepsThePrompts() {
        ModelSet shapes = DefaultModels.known().get(0);
        assertEquals(SHAPES, shapes.recommended());
        assertEquals(RecommendedSettings.paperDefaults(), shapes.withGenerator(dir.resolve("ffhq.pt")).recommended());
        RecommendedSettings otherClip = shapes.withClip(dir.resolve("clip.safetensors"), ClipTokenizer::openAi).recommended();
        assertEquals(SHAPES.source(), otherClip.source(), "the generator still draws shapes");
        assertEquals(List.of(), otherClip.clipWeights(), "the weights were for the replaced CLIPs");
    }

    @Test
    void onStartupTheShapesWorldsPromptWinsOverAnOldSettingsFile() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("settings.json"), """
                {"source": "photo", "target": "sketch", "iterations": 301, "batch": 2, "layersK": 0,
                 "layerMapping": "UPSTREAM", "lr": 0.0016, "clipWeights": "", "seed": 7, "previewEvery": 5,
                 "checkpointEvery": 10, "truncation": 0.5, "seeds": "1,2", "recentSessions": []}
                """);
        try (TensorThread thread = new TensorThread("vm-startup-test")) {
            TrainingService service = new TrainingService(thread, Runnable::run);
            StudioViewModel vm = new StudioViewModel(service, new SettingsStore(dir), DefaultModels.known(), Runnable::run);
            vm.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (vm.models().currentProperty().get() == null && vm.notices().all().isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(DefaultModels.known().get(0).name(), String.valueOf(vm.models().currentProperty().get()),
                    vm.notices().all().toString());
            assertEquals(SHAPES.source(), vm.prompt().sourceProperty().get());
            assertEquals(SHAPES.target(), vm.prompt().targetProperty().get());
            assertEquals(SHAPES.iterations(), vm.advanced().iterationsProperty().get());
            assertEquals(SHAPES.layerMapping(), vm.advanced().layerMappingProperty().get());
            assertEquals(7, vm.advanced().seedProperty().get(), "what is the studio's own stays");
            assertEquals("1,2", vm.preview().seedsProperty().get());
            service.close();
        }
    }

    @Test
    void advancedSettingsBecomeARunConfigOrAClearError() {
        AdvancedSettingsViewModel vm = new AdvancedSettingsViewModel();
        vm.iterationsProperty().set(20);
        vm.layersKProperty().set(3);
        vm.layerMappingProperty().set(LayerMapping.CONSUMER);
        NadaConfig c = vm.toConfig("photo", "sketch");
        assertEquals(20, c.iterations());
        assertEquals(3, c.layersK());
        assertEquals(LayerMapping.CONSUMER, c.layerMapping());
        vm.clipWeightsProperty().set("1, 0.5");
        assertEquals(List.of(1.0, 0.5), vm.parsedClipWeights());
        vm.clipWeightsProperty().set("1, heavy");
        assertTrue(assertThrows(IllegalArgumentException.class, vm::parsedClipWeights).getMessage().contains("heavy"));
        vm.iterationsProperty().set(0);
        assertThrows(IllegalArgumentException.class, () -> vm.toConfig("photo", "sketch"));
    }

    @Test
    void seedsParseAsListsAndRanges() {
        assertArrayEquals(new long[] {0, 1, 2, 7}, PreviewViewModel.parseSeeds("0-2, 7"));
        assertThrows(IllegalArgumentException.class, () -> PreviewViewModel.parseSeeds("0-50"));
        assertThrows(IllegalArgumentException.class, () -> PreviewViewModel.parseSeeds("x"));
    }

    @Test
    void settingsSurviveARoundTripAndABrokenFileGivesDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Settings s = new Settings(7, 5, 10, 0.5, "1,2", List.of("/x"));
        store.save(s);
        assertEquals(s, store.load());
        java.nio.file.Files.writeString(dir.resolve("settings.json"), "{ not json");
        assertEquals(Settings.defaults(), store.load());
    }

    @Test
    void anEmptyPromptPostsANoticeAndStartsNothing() {
        try (TensorThread thread = new TensorThread("vm-test")) {
            TrainingService service = new TrainingService(thread, Runnable::run);
            StudioViewModel vm = new StudioViewModel(service, new SettingsStore(dir), List.of(), Runnable::run);
            vm.start();
            assertEquals(Notice.Kind.WARNING, vm.notices().all().get(0).kind(), "no models: said so");
            vm.prompt().targetProperty().set("");
            assertFalse(vm.run().adapt());
            assertEquals(RunViewModel.State.IDLE, vm.run().stateProperty().get());
            assertTrue(vm.notices().all().get(1).text().contains("target"));
            vm.prompt().targetProperty().set("sketch");
            assertFalse(vm.run().adapt(), "no models loaded");
            assertTrue(vm.notices().all().get(2).text().contains("No models"));
            assertFalse(service.isRunning());
        }
    }
}
