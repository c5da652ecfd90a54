package studio.nada.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.nada.ui.StudioFlowTest.fx;
import static studio.nada.ui.StudioFlowTest.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.ui.viewmodel.RunViewModel.State;
import studio.nada.ui.viewmodel.SessionsViewModel;
import studio.nada.ui.viewmodel.StudioViewModel;

/**
 * Sessions reopen whole: prompt, settings, preview seeds, the layer map and the charts come back;
 * a stopped run is offered as unfinished and Continue finishes it from its checkpoint, its map and
 * charts going on without repeating the steps after the checkpoint.
 */
class SessionsRestoreTest {
    @TempDir
    static Path home;
    private static Studio studio;
    private static StudioViewModel vm;

    @BeforeAll
    static void open() throws Exception {
        studio = HeadlessStudio.open(home);
        vm = studio.viewModel();
    }

    @AfterAll
    static void close() throws Exception {
        HeadlessStudio.close(studio);
    }

    @Test
    void aFinishedSessionReopensWholeAndAStoppedOneContinues() throws Exception {
        fx(() -> {
            vm.prompt().sourceProperty().set("red shape");
            vm.prompt().targetProperty().set("green shape");
            vm.advanced().iterationsProperty().set(12);
            vm.advanced().layersKProperty().set(0);
            vm.advanced().previewEveryProperty().set(4);
            vm.preview().seedsProperty().set("3-6");
            return vm.run().adapt();
        });
        waitUntil(120, () -> vm.run().stateProperty().get() == State.FINISHED);
        Path first = fx(() -> vm.sessions().recent().get(0));
        waitUntil(20, () -> Files.isRegularFile(first.resolve("session.json")));

        fx(() -> {
            vm.prompt().sourceProperty().set("something else");
            vm.advanced().iterationsProperty().set(99);
            vm.preview().seedsProperty().set("0-1");
            vm.layerMap().clear();
            vm.sessions().open(first, Runnable::run);
            return null;
        });
        waitUntil(30, () -> vm.layerMap().loss().size() == 12);
        assertEquals(List.of("red shape", "green shape", 12, "3-6"), fx(() -> List.of(vm.prompt().sourceProperty().get(),
                vm.prompt().targetProperty().get(), vm.advanced().iterationsProperty().get(),
                vm.preview().seedsProperty().get())));
        assertEquals(12, (int) fx(() -> vm.layerMap().columns().size()), "the layer map is back");
        List<SessionsViewModel.Entry> entries = fx(() -> vm.sessions().entries());
        SessionsViewModel.Entry e = entries.stream().filter(x -> x.dir().equals(first)).findFirst().orElseThrow();
        assertTrue(e.title().contains("red shape") && e.detail().contains("12/12") && !e.unfinished(), e.toString());
        assertTrue(e.thumbnail() != null && Files.isRegularFile(e.thumbnail()), "a thumbnail of the session");

        // a run stopped at about a third: offered as unfinished, continued to its end
        fx(() -> {
            vm.advanced().iterationsProperty().set(30);
            vm.advanced().checkpointEveryProperty().set(5);
            return vm.run().adapt();
        });
        waitUntil(120, () -> vm.layerMap().loss().size() >= 11);
        fx(() -> {
            vm.run().stop();
            return null;
        });
        waitUntil(60, () -> !vm.run().stateProperty().get().active());
        Path second = fx(() -> vm.sessions().recent().get(0));
        waitUntil(20, () -> fx(() -> vm.sessions().entries()).stream().anyMatch(x -> x.dir().equals(second) && x.unfinished()));
        fx(() -> {
            vm.sessions().continueSession(second);
            return null;
        });
        waitUntil(180, () -> vm.run().stateProperty().get() == State.FINISHED && vm.layerMap().loss().size() == 30);
        List<Integer> its = fx(() -> vm.layerMap().loss().stream().map(p -> p.iteration()).toList());
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList(), its,
                "one point per iteration, none repeated after the checkpoint");
        assertTrue(fx(() -> vm.sessions().entries()).stream().anyMatch(x -> x.dir().equals(second) && !x.unfinished()));
    }
}
