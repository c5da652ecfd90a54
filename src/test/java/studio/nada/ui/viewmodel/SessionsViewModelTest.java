package studio.nada.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.nada.NadaConfig;

/**
 * A run's last session.json is written off the FX thread as it stops; reopening or continuing it
 * right away must read that history, not the one written ten iterations earlier (CI once continued
 * a stopped run from the older file and never reached its end).
 */
class SessionsViewModelTest {
    @TempDir
    Path dir;

    @Test
    void readsWaitForTheWritesQueuedBeforeThem() throws Exception {
        SessionsViewModel sessions = new SessionsViewModel(null, dir.resolve("sessions"), new Notices());
        Path session = Files.createDirectories(dir.resolve("sessions/run"));
        Files.createFile(session.resolve("checkpoint.pt"));
        sessions.save(session, saved(10, 30));
        for (int round = 0; round < 20; round++) {
            int done = 11 + round % 5;
            // a long history makes the write slow enough that a read not waiting for it sees the old file
            sessions.save(session, saved(done, 30));
            assertEquals(done, sessions.read(session).loss().size(), "round " + round);
            SessionsViewModel.Entry e = sessions.entries().stream().filter(x -> x.dir().equals(session)).findFirst()
                    .orElseThrow();
            assertTrue(e.unfinished() && e.detail().contains(done + "/30"), e.toString());
        }
    }

    /** A session stopped after {@code done} of {@code iterations} steps, with a long layer map. */
    private static SessionFiles.Saved saved(int done, int iterations) {
        List<LayerMapViewModel.Column> columns = new ArrayList<>();
        List<LayerMapViewModel.LossPoint> loss = new ArrayList<>();
        for (int i = 1; i <= done; i++) {
            loss.add(new LayerMapViewModel.LossPoint(i, 1.0 / i, 0.1 * i));
        }
        for (int i = 0; i < 4000; i++) {
            float[] scores = new float[18];
            java.util.Arrays.fill(scores, i * 1e-3f);
            columns.add(new LayerMapViewModel.Column(i + 1, scores, new int[] {1, 2, 3}));
        }
        return new SessionFiles.Saved("Shapes world", "shapes_generator.pt",
                NadaConfig.defaults("red shape", "green shape").withIterations(iterations), List.of(1.0), "0-3", 0.7,
                18, iterations, columns, loss, List.of());
    }
}
