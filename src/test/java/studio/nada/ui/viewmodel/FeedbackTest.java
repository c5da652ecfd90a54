package studio.nada.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(mapping.equals("as in the paper's code") || mapping.equals("the layers that read the picked style"),
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
}
