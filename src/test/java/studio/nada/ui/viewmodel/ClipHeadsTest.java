package studio.nada.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import studio.nada.clip.ClipHeads;
import studio.nada.clip.ClipWeights;
import studio.nada.engine.TensorThread;
import studio.nada.testing.Fixtures;
import studio.nada.ui.service.ClipHeadsNeeded;
import studio.nada.ui.service.DefaultModels;
import studio.nada.ui.service.TrainingService;
import studio.nada.weights.Checkpoints;

/**
 * The golden tiny CLIP (vision width 64 with 1 head, text width 32 with 2) opened from the studio:
 * the vision heads are inferred (OpenAI's width / 64), the text heads are asked for, and the
 * answer opens it.
 */
class ClipHeadsTest {
    @Test
    void whatTheFileAllowsIsInferredTheRestAsked() throws Exception {
        Path clip = Fixtures.golden("clip_tiny_state.pt");
        ClipHeads.Inferred in = ClipHeads.infer(ClipWeights.of(Checkpoints.tensors(clip)));
        assertEquals(new ClipHeads.Inferred(64, 32, 1, 0), in);
        assertEquals(List.of(1, 2, 4, 8, 16, 32), ClipHeads.choices(32));

        try (TensorThread thread = new TensorThread("clip-heads-test")) {
            TrainingService service = new TrainingService(thread, Runnable::run);
            Notices notices = new Notices();
            ModelPickerViewModel vm = new ModelPickerViewModel(service, DefaultModels.known(), notices, Runnable::run);
            vm.select(vm.sets().get(0));
            waitFor(() -> vm.currentProperty().get() != null && !vm.loadingProperty().get());
            String before = vm.currentProperty().get().name();

            vm.openClip(clip);
            waitFor(() -> vm.headsQuestionProperty().get() != null);
            ClipHeadsNeeded q = vm.headsQuestionProperty().get();
            assertEquals(clip, q.file());
            assertEquals(1, q.inferred().vision(), "OpenAI's rule fits the image encoder");
            assertEquals(0, q.inferred().text(), "32 / 64 = 0: asked");
            assertTrue(notices.all().isEmpty(), "a question, not an error: " + notices.all());
            assertEquals(before, vm.currentProperty().get().name(), "the models in use stay meanwhile");

            vm.answerHeads(1, 2);
            assertNull(vm.headsQuestionProperty().get());
            waitFor(() -> !vm.loadingProperty().get() && vm.currentProperty().get().name().contains("clip_tiny_state.pt"));
            assertTrue(notices.all().isEmpty(), notices.all().toString());
            assertNotNull(service.currentModels());
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
