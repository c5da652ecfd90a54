package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipTokenizer;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.engine.TensorThread;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Checkpoints;

class TrainingRunTest {
    private static TensorThread thread;
    private static NDManager root;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        thread = new TensorThread("test-tensor");
        root = thread.submit(() -> TensorEngine.newManager(Device.cpu())).join();
    }

    @AfterAll
    static void stop() {
        thread.submit(() -> {
            root.close();
            return null;
        }).join();
        thread.close();
    }

    private TrainingRun.Setup setup(NadaConfig config) {
        return () -> {
            Generator g = Generator.load(root, Checkpoints.stateDict(Fixtures.golden("sg2_tiny.pt"), "g_ema"));
            ClipModel clip = ClipModel.load(Checkpoints.tensors(Fixtures.golden("clip_tiny_state.pt")), root, 1, 2);
            ClipGuide guide = new ClipGuide("tiny", clip, ClipTokenizer.openAi(), 1.0, root);
            return new NadaAdapter(g, List.of(guide), config, RandomSource.engine(), root);
        };
    }

    /** An Error on the tensor thread (out of memory) ends the run as failed; it never leaves its caller waiting. */
    @Test
    void anOutOfMemoryErrorFailsTheRunAndKeepsTheTensorThread() throws Exception {
        Thread before = thread.submit(Thread::currentThread).join();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingRun setupFails = new TrainingRun(thread, () -> {
            throw new OutOfMemoryError("Java heap space");
        }, RunOptions.defaults(dir.resolve("a")), events::add);
        setupFails.start();
        TrainingEvent end = setupFails.completion().get(60, TimeUnit.SECONDS);
        assertInstanceOf(TrainingEvent.Failed.class, end);
        assertTrue(((TrainingEvent.Failed) end).message().startsWith("out of memory (Java heap space): lower the"
                + " batch size"), ((TrainingEvent.Failed) end).message());

        // an Error in a step (here from a listener) fails the run as well
        NadaConfig config = NadaConfig.defaults("photo", "sketch").withIterations(5).withLayersK(3);
        TrainingRun stepFails = new TrainingRun(thread, setup(config), RunOptions.defaults(null), e -> {
            if (e instanceof TrainingEvent.Step) {
                throw new StackOverflowError();
            }
        });
        stepFails.start();
        assertInstanceOf(TrainingEvent.Failed.class, stepFails.completion().get(60, TimeUnit.SECONDS));
        stepFails.close().get(60, TimeUnit.SECONDS);

        // an Error escaping plain work does not replace the thread that owns the models
        thread.execute(() -> {
            throw new OutOfMemoryError("in a task");
        });
        assertEquals(before, thread.submit(Thread::currentThread).get(60, TimeUnit.SECONDS));
    }

    /** A checkpoint that cannot be written says whether an earlier one is kept, and only then that it is. */
    @Test
    void aFailedFirstCheckpointDoesNotClaimAPreviousOne() throws Exception {
        Files.createDirectories(dir.resolve("checkpoint.pt/in-the-way"));
        NadaConfig config = NadaConfig.defaults("photo", "sketch").withIterations(3).withLayersK(3);
        TrainingRun run = new TrainingRun(thread, setup(config), RunOptions.defaults(dir).withIntervals(1, 0), e -> { });
        run.start();
        TrainingEvent end = run.completion().get(60, TimeUnit.SECONDS);
        run.close().get(60, TimeUnit.SECONDS);
        String message = ((TrainingEvent.Failed) end).message();
        assertTrue(message.startsWith("could not write the checkpoint " + dir.resolve("checkpoint.pt")), message);
        assertTrue(message.endsWith("; no checkpoint had been saved yet"), message);
    }

    @Test
    void pauseResumeAndStopKeepTheRunConsistent() throws Exception {
        NadaConfig config = NadaConfig.defaults("photo", "sketch").withIterations(200).withLayersK(3);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingRun run = new TrainingRun(thread, setup(config), RunOptions.defaults(dir).withIntervals(0, 2), events::add);
        run.start();
        waitFor(events, e -> e instanceof TrainingEvent.Step s && s.result().iteration() >= 3);
        run.pause();
        waitFor(events, e -> e instanceof TrainingEvent.Paused);
        int pausedAt = ((TrainingEvent.Paused) events.stream().filter(e -> e instanceof TrainingEvent.Paused)
                .findFirst().orElseThrow()).iteration();
        Thread.sleep(300);
        long stepsWhilePaused = events.stream().filter(e -> e instanceof TrainingEvent.Step s
                && s.result().iteration() > pausedAt).count();
        assertEquals(0, stepsWhilePaused, "no step runs while paused");
        // the tensor thread stays free for previews while paused
        assertTrue(thread.submit(() -> run.previewer().render(run.adapter().trainable(), new long[] {1}, 0.7).size())
                .get(30, TimeUnit.SECONDS) == 1);
        run.resume();
        waitFor(events, e -> e instanceof TrainingEvent.Step s && s.result().iteration() >= pausedAt + 2);
        run.stop();
        TrainingEvent end = run.completion().get(60, TimeUnit.SECONDS);
        TrainingEvent.Finished f = assertInstanceOf(TrainingEvent.Finished.class, end);
        assertTrue(!f.completed() && f.iteration() < 200);
        assertTrue(events.stream().anyMatch(e -> e instanceof TrainingEvent.Preview p && p.trained().size() == 8));
        // stopping keeps the work: checkpoint, export and sidecar are written, and the export loads
        assertTrue(Files.exists(dir.resolve("checkpoint.pt")));
        assertTrue(Files.readString(dir.resolve("run.json")).contains("\"iterations_done\" : " + f.iteration()));
        thread.submit(() -> {
            try (NDManager m = root.newSubManager()) {
                GeneratorCheckpoint.read(dir.resolve("generator.pt"), null).build(m);
            }
            return null;
        }).get();
        run.close().get();
    }

    @Test
    void aNonFiniteLossStopsTheRunAndKeepsTheLastCheckpoint() throws Exception {
        NadaConfig config = NadaConfig.defaults("photo", "sketch").withIterations(50).withLayersK(3).withLr(1e30);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingRun run = new TrainingRun(thread, setup(config), RunOptions.defaults(dir).withIntervals(1, 0), events::add);
        run.start();
        TrainingEvent end = run.completion().get(120, TimeUnit.SECONDS);
        TrainingEvent.Failed failed = assertInstanceOf(TrainingEvent.Failed.class, end);
        assertTrue(failed.message().contains("became"), failed.message());
        int lastGood = events.stream().filter(e -> e instanceof TrainingEvent.CheckpointSaved)
                .mapToInt(e -> ((TrainingEvent.CheckpointSaved) e).iteration()).max().orElse(-1);
        assertTrue(lastGood >= 1, "a checkpoint was written before the failure");
        assertEquals(lastGood, AdaptationCheckpoint.read(RunOptions.checkpointFile(dir),
                thread.submit(() -> run.adapter().trainable().params().parameterNames()).get()).iteration());
        run.close().get();
    }

    private static void waitFor(List<TrainingEvent> events, java.util.function.Predicate<TrainingEvent> p)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (events.stream().noneMatch(p)) {
            if (events.stream().anyMatch(e -> e instanceof TrainingEvent.Failed)) {
                throw new AssertionError("run failed: " + events);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out; events: " + events.size());
            }
            Thread.sleep(20);
        }
    }
}
