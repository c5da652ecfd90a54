package studio.nada.ui;

import static studio.nada.ui.StudioFlowTest.fx;
import static studio.nada.ui.StudioFlowTest.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import studio.nada.export.GeneratorExport;
import studio.nada.hub.ModelCache;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.ui.service.DefaultModels;
import studio.nada.ui.service.SettingsStore;
import studio.nada.weights.TensorData;

/** A studio on the primary stage for TestFX tests: its own settings and model cache, the Shapes world loaded. */
final class HeadlessStudio {
    private HeadlessStudio() {}

    static Studio open(Path home) throws Exception {
        Studio studio = open(home, new ModelCache(home.resolve("cache")));
        var vm = studio.viewModel();
        waitUntil(60, () -> vm.models().currentProperty().get() != null && !vm.preview().cellsProperty().get().isEmpty());
        return studio;
    }

    /** The studio on {@code cache}, not waiting for its models; timed-out waits describe it from now. */
    static Studio open(Path home, ModelCache cache) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        Studio studio = fx(() -> Studio.open(stage, new SettingsStore(home), DefaultModels.known(), cache));
        StudioFlowTest.watched = studio.viewModel();
        return studio;
    }

    static void close(Studio studio) throws Exception {
        if (studio != null) {
            fx(() -> {
                studio.close();
                return null;
            });
            FxToolkit.cleanupStages();
        }
    }

    /**
     * A session-like "adapted" Shapes generator at {@code file}: the shipped weights with {@code
     * change} applied, opened as the trained side of the previews.
     */
    static Path openAdapted(Studio studio, Path file, Consumer<Map<String, TensorData>> change) throws Exception {
        GeneratorCheckpoint base = ShapesWorld.generatorCheckpoint();
        Map<String, TensorData> sd = new LinkedHashMap<>(base.stateDict());
        change.accept(sd);
        Files.createDirectories(file.getParent());
        GeneratorExport.writeTorch(file, sd, base.latentAvg());
        studio.viewModel().service().openAdapted(file).get();
        return file;
    }

    /** {@code name}'s values times {@code factor}. */
    static void scale(Map<String, TensorData> sd, String name, float factor) {
        float[] v = sd.get(name).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        sd.put(name, TensorData.ofFloats(sd.get(name).shape(), v));
    }
}
