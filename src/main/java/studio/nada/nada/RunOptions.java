package studio.nada.nada;

import java.nio.file.Path;
import studio.nada.weights.TensorData;

/**
 * How a run is kept and shown: where it writes (null: nowhere), how often it checkpoints and
 * previews, which seeds the previews show, the latent_avg for truncation (null: a seeded mean),
 * and a checkpoint to resume from.
 */
public record RunOptions(Path outDir, int checkpointEvery, int previewEvery, long[] previewSeeds,
        double previewTruncation, TensorData latentAvg, Path resumeFrom, String sourceDescription) {

    public RunOptions {
        if (checkpointEvery < 0 || previewEvery < 0) {
            throw new IllegalArgumentException("checkpoint and preview intervals must be >= 0 (0 = never)");
        }
        previewSeeds = previewSeeds == null ? new long[0] : previewSeeds.clone();
    }

    public static RunOptions defaults(Path outDir) {
        return new RunOptions(outDir, 50, 10, new long[] {0, 1, 2, 3, 4, 5, 6, 7}, 0.7, null, null, "");
    }

    public RunOptions withResume(Path checkpoint) {
        return new RunOptions(outDir, checkpointEvery, previewEvery, previewSeeds, previewTruncation, latentAvg,
                checkpoint, sourceDescription);
    }

    public RunOptions withIntervals(int checkpoints, int previews) {
        return new RunOptions(outDir, checkpoints, previews, previewSeeds, previewTruncation, latentAvg, resumeFrom,
                sourceDescription);
    }

    public RunOptions withLatentAvg(TensorData avg) {
        return new RunOptions(outDir, checkpointEvery, previewEvery, previewSeeds, previewTruncation, avg, resumeFrom,
                sourceDescription);
    }

    public RunOptions withPreviewSeeds(long[] seeds) {
        return new RunOptions(outDir, checkpointEvery, previewEvery, seeds, previewTruncation, latentAvg, resumeFrom,
                sourceDescription);
    }

    public RunOptions withSourceDescription(String text) {
        return new RunOptions(outDir, checkpointEvery, previewEvery, previewSeeds, previewTruncation, latentAvg,
                resumeFrom, text);
    }

    /** The checkpoint file inside a run folder. */
    public static Path checkpointFile(Path dir) {
        return dir.resolve("checkpoint.pt");
    }
}
