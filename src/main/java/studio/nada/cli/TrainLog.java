package studio.nada.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.nada.export.Images;
import studio.nada.nada.PromptText;
import studio.nada.nada.TrainingEvent;

/** What {@code train} prints of a run's events, and the sample grids it writes. */
final class TrainLog {
    private TrainLog() {}

    /** One line per event; a preview becomes {@code samples/iter_NNNNNN.png} (frozen above, trained below). */
    static void report(PrintWriter log, Path dir, TrainingEvent e) {
        if (e instanceof TrainingEvent.Started s) {
            log.printf(Locale.ROOT, "adapting %s -> %s from iteration %d of %d%n", PromptText.quoted(s.config().source()),
                    PromptText.quoted(s.config().target()), s.iteration(), s.config().iterations());
        } else if (e instanceof TrainingEvent.Step s) {
            log.printf(Locale.ROOT, "iter %d/%d  loss %.5f  layers %s  %.2f s/it  ETA %s%n",
                    s.result().iteration(), s.total(), s.result().loss(), String.join(",", s.result().trainedLayers()),
                    s.secondsPerStep(), eta(s.etaSeconds()));
        } else if (e instanceof TrainingEvent.Preview p) {
            writeSamples(log, dir, p);
        } else if (e instanceof TrainingEvent.CheckpointSaved c) {
            log.printf("checkpoint %s (iteration %d)%n", c.file(), c.iteration());
        } else if (e instanceof TrainingEvent.Finished f) {
            log.printf("%s after %d iterations; outputs in %s%n", f.completed() ? "finished" : "stopped", f.iteration(),
                    f.outDir());
        } else if (e instanceof TrainingEvent.Failed f) {
            log.printf("failed at iteration %d%n", f.iteration());
        }
        log.flush();
    }

    private static void writeSamples(PrintWriter log, Path dir, TrainingEvent.Preview p) {
        List<Images.Argb> both = new ArrayList<>(p.frozen());
        both.addAll(p.trained());
        try {
            Images.writePng(dir.resolve(String.format(Locale.ROOT, "samples/iter_%06d.png", p.iteration())),
                    Images.grid(both, p.frozen().size(), 2));
        } catch (Exception ex) {
            log.println("warning: could not write samples: " + ex.getMessage());
        }
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
