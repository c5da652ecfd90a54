package studio.nada.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.engine.TensorEngine;
import studio.nada.engine.TensorThread;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.RunLock;
import studio.nada.nada.RunOptions;
import studio.nada.nada.TrainingEvent;

/** The UI's service without a window: model switching, two runs in a row, pause and stop, previews. */
class TrainingServiceTest {
    @TempDir
    Path dir;

    @Test
    void aBadFileKeepsTheModelsAndASecondRunPausesAndStops() throws Exception {
        assumeTrue(DefaultModels.defaultSet() != null, "skipped: the golden tiny models are absent");
        try (TensorThread thread = new TensorThread("service-test")) {
            TrainingService service = new TrainingService(thread, Runnable::run);
            ModelSet good = DefaultModels.defaultSet();
            service.loadModels(good).get(60, TimeUnit.SECONDS);
            Path garbage = Files.write(dir.resolve("broken.pt"), new byte[] {9, 9, 9});
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> service.loadModels(good.withGenerator(garbage)).get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("broken.pt"), e.getCause().getMessage());
            assertEquals(good, service.currentModels(), "the previous models stay");

            List<PreviewRequest.Frames> frames = new CopyOnWriteArrayList<>();
            service.onFrames(frames::add, m -> { });
            RunOptions options = new RunOptions(dir.resolve("a"), 0, 0, new long[] {0, 1}, 0.7, null, null, "");
            List<TrainingEvent> first = run(service, NadaConfig.defaults("photo", "sketch").withIterations(4).withLayersK(3),
                    options);
            waitFor(first, ev -> ev instanceof TrainingEvent.Finished);

            List<TrainingEvent> second = run(service, NadaConfig.defaults("photo", "sketch").withIterations(300)
                    .withLayersK(3), new RunOptions(dir.resolve("b"), 0, 0, new long[] {0, 1}, 0.7, null, null, ""));
            waitFor(second, ev -> ev instanceof TrainingEvent.Step s && s.result().iteration() >= 2);
            service.pause();
            waitFor(second, ev -> ev instanceof TrainingEvent.Paused);
            service.requestPreview(new PreviewRequest(new long[] {0, 1}, 0.7, 0.5));
            waitFor(second, ev -> !frames.isEmpty());
            assertNotNull(frames.get(frames.size() - 1).trained(), "the paused run's generator is shown");
            service.resume();
            waitFor(second, ev -> ev instanceof TrainingEvent.Resumed);
            service.stop();
            waitFor(second, ev -> ev instanceof TrainingEvent.Finished || ev instanceof TrainingEvent.Failed);
            TrainingEvent end = second.get(second.size() - 1);
            assertInstanceOf(TrainingEvent.Finished.class, end, String.valueOf(end));
            assertTrue(Files.isRegularFile(dir.resolve("b/generator.pt")));
            service.close();
        }
    }

    @Test
    void aSmallGeneratorsSetRunsOnOneComputeThread() throws Exception {
        try (TensorThread thread = new TensorThread("service-threads-test")) {
            int before = thread.submit(() -> TensorEngine.useComputeThreads(2)).get(60, TimeUnit.SECONDS);
            try {
                TrainingService service = new TrainingService(thread, Runnable::run);
                ModelSet shapes = DefaultModels.known().get(0);
                service.loadModels(shapes).get(120, TimeUnit.SECONDS);
                assertEquals(1, thread.submit(ai.djl.pytorch.jni.JniUtils::getNumThreads).get(60, TimeUnit.SECONDS),
                        "the 64 px Shapes world runs on one compute thread");
                service.close();
            } finally {
                thread.submit(() -> TensorEngine.useComputeThreads(before)).get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void styleImagesMakeTheRunImageGuided() throws Exception {
        Path styles = Files.createDirectories(dir.resolve("styles"));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(48, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                img.setRGB(x, y, (x - 24) * (x - 24) + (y - 24) * (y - 24) < 200 ? 0x2040e0 : 0xe8e8e4);
            }
        }
        javax.imageio.ImageIO.write(img, "png", styles.resolve("blue.png").toFile());
        try (TensorThread thread = new TensorThread("service-style-test")) {
            TrainingService service = new TrainingService(thread, Runnable::run);
            service.loadModels(DefaultModels.defaultSet()).get(60, TimeUnit.SECONDS);
            List<TrainingEvent> events = new CopyOnWriteArrayList<>();
            service.start(NadaConfig.defaults("shape", "blue shape").withIterations(3).withLayersK(3), List.of(),
                    List.of(styles.resolve("blue.png")), new RunOptions(dir.resolve("s"), 0, 0, new long[] {0}, 0.7,
                            null, null, ""), events::add);
            waitFor(events, ev -> ev instanceof TrainingEvent.Finished || ev instanceof TrainingEvent.Failed);
            assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1), String.valueOf(events));
            service.close();
        }
    }

    @Test
    void aSessionFolderHeldByAnotherRunIsRefusedAndReleasedAfterTheRun() throws Exception {
        assumeTrue(DefaultModels.defaultSet() != null, "skipped: the golden tiny models are absent");
        try (TensorThread thread = new TensorThread("service-lock-test")) {
            TrainingService service = new TrainingService(thread, Runnable::run);
            service.loadModels(DefaultModels.defaultSet()).get(60, TimeUnit.SECONDS);
            NadaConfig config = NadaConfig.defaults("photo", "sketch").withIterations(1).withLayersK(3);
            RunOptions options = new RunOptions(dir.resolve("held"), 0, 0, new long[] {0}, 0.7, null, null, "");
            try (RunLock other = RunLock.acquire(options.outDir())) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> service.start(config, List.of(), options, ev -> { }));
                assertTrue(e.getMessage().contains("another run is writing to"), e.getMessage());
                assertTrue(!service.isRunning());
            }
            List<TrainingEvent> events = run(service, config, options);
            waitFor(events, ev -> ev instanceof TrainingEvent.Finished || ev instanceof TrainingEvent.Failed);
            assertInstanceOf(TrainingEvent.Finished.class, events.get(events.size() - 1), String.valueOf(events));
            RunLock.acquire(options.outDir()).close(); // the finished run let go of its folder
            service.close();
        }
    }

    /** As {@code train}: a session that fails removes the folder it made, and keeps one that was there. */
    @Test
    void aFailedSessionRemovesTheFolderItMadeAndKeepsOneThatWasThere() throws Exception {
        assumeTrue(DefaultModels.defaultSet() != null, "skipped: the golden tiny models are absent");
        Path made = dir.resolve("made");
        Path there = Files.createDirectory(dir.resolve("there"));
        Files.writeString(there.resolve("notes.txt"), "the user's");
        try (TensorThread thread = new TensorThread("service-leftovers-test")) {
            TrainingService service = new TrainingService(thread, Runnable::run);
            service.loadModels(DefaultModels.defaultSet()).get(60, TimeUnit.SECONDS);
            // fails once the run has its folder: the prompts read alike to CLIP
            NadaConfig config = NadaConfig.defaults("photo", "Photo ").withIterations(1).withLayersK(3);
            for (Path out : List.of(made, there)) {
                List<TrainingEvent> events = run(service, config,
                        new RunOptions(out, 0, 0, new long[] {0}, 0.7, null, null, ""));
                waitFor(events, ev -> ev instanceof TrainingEvent.Finished || ev instanceof TrainingEvent.Failed);
                assertInstanceOf(TrainingEvent.Failed.class, events.get(events.size() - 1), String.valueOf(events));
                assertTrue(!service.isRunning());
            }
            assertTrue(!Files.exists(made), "the failed session's own folder is removed");
            assertTrue(Files.isRegularFile(there.resolve("notes.txt")), "a folder that was there is kept, with its files");
            assertTrue(!Files.exists(there.resolve(RunLock.FILE)));
            assertTrue(!Files.exists(there.resolve("samples")));
            RunLock.acquire(there).close(); // and let go of
            service.close();
        }
    }

    private static List<TrainingEvent> run(TrainingService service, NadaConfig config, RunOptions options) {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        service.start(config, List.of(), options, events::add);
        return events;
    }

    private static void waitFor(List<TrainingEvent> events, Predicate<TrainingEvent> p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (events.stream().noneMatch(p)) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out; events " + events);
            Thread.sleep(10);
        }
    }
}
