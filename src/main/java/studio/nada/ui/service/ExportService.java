package studio.nada.ui.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import studio.nada.export.ExportJob;
import studio.nada.export.ExportOptions;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;

/**
 * Exports what the studio shows — the adapted generator of the last run or of an opened session,
 * next to the loaded frozen one — through {@link ExportJob}, on the tensor thread that owns them.
 */
public final class ExportService {
    /** What an estimate needs: the image side and the generator's bytes; {@code adapted} false when there is nothing to export. */
    public record Facts(int imageSize, long generatorBytes, boolean adapted) {}

    private final TrainingService training;

    public ExportService(TrainingService training) {
        this.training = training;
    }

    public CompletableFuture<Facts> facts() {
        return training.submit(() -> {
            TrainingService.Adapted a = training.adapted();
            LoadedModels m = a != null ? a.models() : null;
            if (m == null) {
                return new Facts(0, 0, false);
            }
            return new Facts(m.frozen.config().size(), ExportJob.weightBytes(m.frozen), true);
        });
    }

    /** Runs the export; the future fails with a message a user can act on. */
    public CompletableFuture<List<Path>> export(ExportOptions options, Path out, boolean overwrite,
            Consumer<ExportJob.Progress> progress, BooleanSupplier cancelled) {
        if (training.isRunning()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Stop the adaptation (or let it finish) before exporting: both need the tensor thread"));
        }
        return training.submit(() -> {
            TrainingService.Adapted a = training.adapted();
            if (a == null) {
                throw new IllegalStateException("Nothing is adapted yet: press Adapt, or open a session, then export");
            }
            LoadedModels m = a.models();
            Generator frozen = m.frozen;
            Generator trained = a.trained();
            ModelSet.GeneratorSource source = m.set.generator();
            // the base's weights are read again only for a delta (a 1024 px generator is hundreds of MB)
            GeneratorCheckpoint base = options.delta() ? source.read()
                    : new GeneratorCheckpoint(Path.of(source.describe()), Map.of(), m.latentAvg);
            boolean weights = options.generatorPt() || options.generatorSafetensors() || options.delta();
            ExportJob.Models models = new ExportJob.Models(frozen,
                    s -> s == 1.0 ? trained : s == 0.0 ? frozen : m.blend.blend(frozen, trained, s), m.meanLatent,
                    weights ? trained.params().toTensors() : Map.of(), m.latentAvg, base, source.sha256(),
                    Map.of("from", "NADA Studio session", "base", source.describe()), a.provenance());
            return ExportJob.run(models, options, out, overwrite, progress, cancelled);
        });
    }
}
