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
import studio.nada.engine.TensorThread;
import studio.nada.nada.LayerMapping;
import studio.nada.nada.NadaConfig;
import studio.nada.ui.service.ModelSet;
import studio.nada.ui.service.Settings;
import studio.nada.ui.service.SettingsStore;
import studio.nada.ui.service.TrainingService;

/** View models without a window or models: JavaFX properties work without the toolkit. */
class ViewModelsTest {
    @TempDir
    Path dir;

    @Test
    void promptSaysWhatIsMissingAndKeepsOnlyImages() {
        PromptViewModel vm = new PromptViewModel();
        assertNull(vm.problem());
        vm.targetProperty().set("  ");
        assertTrue(vm.problem().contains("target"));
        vm.sourceProperty().set("");
        assertTrue(vm.problem().contains("source and a target"));
        assertEquals(2, vm.addStyleImages(List.of(Path.of("a.png"), Path.of("b.JPG"), Path.of("notes.txt"), Path.of("a.png"))));
        vm.domainChanged(ModelSet.Domain.SHAPES);
        vm.apply(vm.suggestions().get(0));
        assertEquals("red shape", vm.sourceProperty().get());
        assertEquals("blue shape", vm.targetProperty().get());
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
        Settings s = new Settings("dog", "cat", 40, 4, 3, "CONSUMER", 0.002, "1", 7, 5, 10, 0.5, "1,2", List.of("/x"));
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
