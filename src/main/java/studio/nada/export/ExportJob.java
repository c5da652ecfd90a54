package studio.nada.export;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.weights.TensorData;

/**
 * One export, run on the tensor thread: renders the images and animations the options ask for,
 * writes the generators and the sidecar, all into a {@link StagedFolder}, and moves them into the
 * destination only when every file is complete. Cancel (polled between images and frames) and any
 * failure leave the destination as it was.
 */
public final class ExportJob {
    /**
     * What is exported: the frozen generator and the adapted one at any domain strength ({@code
     * blend}: 0 the frozen, 1 the adapted generator; it may reuse one twin, so each call's result
     * is used before the next call), the mean latent for truncation, and for
     * the generator files and the sidecar, the adapted weights, the base checkpoint and where each
     * came from ({@code adaptedSource}: file and sha256, or the session it lives in).
     */
    public record Models(Generator frozen, DoubleFunction<Generator> blend, NDArray meanLatent,
            Map<String, TensorData> adaptedWeights, TensorData latentAvg, GeneratorCheckpoint base, String baseSha256,
            Map<String, Object> adaptedSource, Map<String, Object> provenance) {}

    /** How far the export is: {@code done} of {@code total} steps, and what it is doing. */
    public record Progress(String what, int done, int total) {}

    private final Models models;
    private final ExportOptions options;
    private final Consumer<Progress> progress;
    private final BooleanSupplier cancelled;
    private int done;
    private final int total;

    private ExportJob(Models models, ExportOptions options, Consumer<Progress> progress, BooleanSupplier cancelled) {
        this.models = models;
        this.options = options;
        this.progress = progress;
        this.cancelled = cancelled;
        int batches = (options.seeds().length + 7) / 8 * (options.pairs() ? 2 : 1);
        this.total = (options.pngs() || options.grid() ? batches : 0)
                + (options.gif() != ExportOptions.Animation.NONE ? options.frames() : 0)
                + (options.mp4() != ExportOptions.Animation.NONE && options.mp4() != options.gif() ? options.frames() : 0)
                + (options.generatorPt() ? 1 : 0) + (options.generatorSafetensors() ? 1 : 0) + (options.delta() ? 1 : 0) + 1;
    }

    /** Runs the export into {@code out}; returns the files written there. Tensor thread only. */
    public static List<Path> run(Models models, ExportOptions options, Path out, boolean overwrite,
            Consumer<Progress> progress, BooleanSupplier cancelled) throws IOException {
        List<String> clash = StagedFolder.clashes(out, options.fileNames());
        if (!overwrite && !clash.isEmpty()) {
            throw new IllegalArgumentException(out + " already holds " + clash.get(0) + (clash.size() > 1 ? " and "
                    + (clash.size() - 1) + " more" : "") + ": choose another folder or allow replacing them");
        }
        checkRoom(models, options, out);
        boolean existed = Files.exists(out);
        try (StagedFolder folder = StagedFolder.open(out)) {
            new ExportJob(models, options, progress, cancelled).write(folder);
            return folder.commit(overwrite);
        } catch (IOException | RuntimeException e) {
            if (!existed) {
                try {
                    Files.deleteIfExists(out); // a folder made for this export goes too
                } catch (IOException notEmpty) {
                    // someone put a file there meanwhile: it stays
                }
            }
            if (e instanceof IOException io && diskFull(io)) {
                throw new IOException("the disk of " + out + " is full: nothing was exported (free some space or"
                        + " choose another folder)", e);
            }
            throw e;
        }
    }

    private static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : t.getMessage();
            if (m != null && (m.contains("No space left") || m.toLowerCase(java.util.Locale.ROOT).contains("disk full")
                    || m.contains("not enough space"))) {
                return true;
            }
        }
        return false;
    }

    /** Bytes of a generator's weights, from the arrays' sizes (no copy of the weights). */
    public static long weightBytes(Generator g) {
        return g.arrays().stream().mapToLong(a -> a.size() * a.getDataType().getNumOfBytes()).sum();
    }

    /** Refuses, before anything is rendered, an export the disk has clearly no room for. */
    private static void checkRoom(Models models, ExportOptions options, Path out) throws IOException {
        long need = options.estimateBytes(models.frozen().config().size(), weightBytes(models.frozen()));
        Path existing = out.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        if (need > free) {
            throw new IOException("this export needs about " + studio.nada.hub.Bytes.human(need) + " but the disk of "
                    + out + " has " + studio.nada.hub.Bytes.human(free) + " free: nothing was written");
        }
    }

    private void write(StagedFolder folder) throws IOException {
        ExportRenderer r = new ExportRenderer(models.frozen(), models.meanLatent(), options.truncation());
        float[][] ws = r.ws(options.seeds());
        if (options.pngs() || options.grid()) {
            writeImages(folder, r, ws);
        }
        Map<ExportOptions.Animation, List<Images.Argb>> rendered = new LinkedHashMap<>();
        if (options.gif() != ExportOptions.Animation.NONE) {
            List<Images.Argb> frames = rendered.computeIfAbsent(options.gif(), a -> frames(a, r, ws));
            try (OutputStream o = Files.newOutputStream(folder.file(options.fileNames().stream()
                    .filter(n -> n.endsWith(".gif")).findFirst().orElseThrow()))) {
                GifWriter.write(o, frames, options.fps());
            }
        }
        if (options.mp4() != ExportOptions.Animation.NONE) {
            List<Images.Argb> frames = rendered.computeIfAbsent(options.mp4(), a -> frames(a, r, ws));
            Mp4Writer.write(folder.file(options.fileNames().stream().filter(n -> n.endsWith(".mp4")).findFirst()
                    .orElseThrow()), frames, options.fps());
        }
        writeGenerators(folder);
        Sidecar.write(folder.file("export.json"), models, options, folder);
        step("sidecar");
    }

    private void writeImages(StagedFolder folder, ExportRenderer r, float[][] ws) throws IOException {
        Generator shown = models.blend().apply(options.strength());
        List<Images.Argb> sheet = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        long[] seeds = options.seeds();
        for (int start = 0; start < ws.length; start += 8) {
            float[][] part = java.util.Arrays.copyOfRange(ws, start, Math.min(ws.length, start + 8));
            List<Images.Argb> adapted = r.render(shown, part);
            step("rendering images");
            List<Images.Argb> frozen = options.pairs() ? r.render(models.frozen(), part) : null;
            if (frozen != null) {
                step("rendering frozen images");
            }
            for (int i = 0; i < adapted.size(); i++) {
                long seed = seeds[start + i];
                if (options.pngs()) {
                    Images.writePng(folder.file(ExportOptions.seedName(seed) + ".png"), adapted.get(i));
                    if (frozen != null) {
                        Images.writePng(folder.file(ExportOptions.seedName(seed) + "_frozen.png"), frozen.get(i));
                    }
                }
                if (options.grid() && sheet.size() < 256) {
                    sheet.add(frozen != null ? Sheets.beside(frozen.get(i), adapted.get(i)) : adapted.get(i));
                    labels.add("seed " + seed); // with pairs: frozen left, adapted right (the sidecar says so too)
                }
            }
        }
        if (options.grid()) {
            Images.Argb grid = options.labels() ? Sheets.labelled(sheet, labels, options.columns(), 2)
                    : Images.grid(sheet, options.columns(), 2);
            Images.writePng(folder.file("grid.png"), grid);
        }
    }

    /** The frames of a walk (through the first seeds) or a morph (of the first seeds, side by side). */
    private List<Images.Argb> frames(ExportOptions.Animation kind, ExportRenderer r, float[][] ws) {
        float[][] some = java.util.Arrays.copyOf(ws, Math.min(ws.length, ExportOptions.ANIMATED_SEEDS));
        List<Images.Argb> out = new ArrayList<>();
        if (kind == ExportOptions.Animation.WALK) {
            Generator shown = models.blend().apply(options.strength());
            for (float[] w : ExportRenderer.walk(some, options.frames())) {
                Images.Argb a = Sheets.scaled(r.render(shown, new float[][] {w}).get(0), options.frameSize());
                out.add(options.pairs() ? Sheets.beside(Sheets.scaled(r.render(models.frozen(), new float[][] {w}).get(0),
                        options.frameSize()), a) : a);
                step("rendering walk frames");
            }
        } else {
            for (double alpha : ExportRenderer.morph(options.frames(), options.strength())) {
                List<Images.Argb> row = r.render(models.blend().apply(alpha), some);
                out.add(Images.grid(row.stream().map(im -> Sheets.scaled(im, options.frameSize())).toList(),
                        row.size(), 0));
                step("rendering morph frames");
            }
        }
        return out;
    }

    private void writeGenerators(StagedFolder folder) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        models.provenance().forEach((k, v) -> meta.put(k, String.valueOf(v)));
        if (options.generatorPt()) {
            GeneratorExport.writeTorch(folder.file("generator.pt"), models.adaptedWeights(), models.latentAvg());
            step("writing generator.pt");
        }
        if (options.generatorSafetensors()) {
            GeneratorExport.writeSafetensors(folder.file("generator.safetensors"), models.adaptedWeights(),
                    models.latentAvg(), meta);
            step("writing generator.safetensors");
        }
        if (options.delta()) {
            GeneratorDelta.write(folder.file("generator-delta.safetensors"), models.adaptedWeights(), models.latentAvg(),
                    models.base(), models.baseSha256(), meta);
            step("writing generator-delta.safetensors");
        }
    }

    private void step(String what) {
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("export cancelled: nothing was written");
        }
        progress.accept(new Progress(what, Math.min(++done, total), total));
    }
}
