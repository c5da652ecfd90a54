package studio.nada.nada;

import java.nio.file.Path;
import java.util.List;
import studio.nada.export.Images;

/** What a training run publishes; listeners get plain values (pixels, numbers), never tensors. */
public sealed interface TrainingEvent {
    /** The run is set up; {@code iteration} is where it starts (non-zero after a resume). */
    record Started(NadaConfig config, int iteration, int nLatent) implements TrainingEvent {}

    /** One step done, with the estimated seconds left. */
    record Step(StepResult result, int total, double secondsPerStep, double etaSeconds) implements TrainingEvent {}

    /** Fixed-seed samples, frozen and trained, the same seeds in the same order. */
    record Preview(int iteration, List<Images.Argb> frozen, List<Images.Argb> trained) implements TrainingEvent {}

    /**
     * How far training has moved each W+ layer's weights so far: ‖w − w₀‖ / ‖w₀‖ per W+ index
     * ({@link WeightChange}); published with the previews.
     */
    record LayerChange(int iteration, float[] relative) implements TrainingEvent {}

    record CheckpointSaved(int iteration, Path file) implements TrainingEvent {}

    record Paused(int iteration) implements TrainingEvent {}

    record Resumed(int iteration) implements TrainingEvent {}

    /** The run ended normally or by stop; {@code outDir} holds its exports (null if none). */
    record Finished(int iteration, boolean completed, Path outDir) implements TrainingEvent {}

    /** The run failed; the last checkpoint (if any) is kept. */
    record Failed(int iteration, String message) implements TrainingEvent {}
}
