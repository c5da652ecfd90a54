package studio.nada.ui.service;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import studio.nada.export.Images;
import studio.nada.inversion.InversionOptions;
import studio.nada.inversion.InversionResult;
import studio.nada.inversion.Photos;
import studio.nada.inversion.Projector;
import studio.nada.inversion.Translation;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;

/**
 * Photos into the loaded generator and out through every adapted domain, on the tensor thread.
 * An inversion runs a few steps per task and queues the next, so a training run's steps
 * interleave with it; the domains are the adapted generator the previews show (the last run or
 * an opened session) and any adapted generators added here, at the preview's domain strength.
 */
public final class PhotoService {
    /** Steps per tensor-thread task: about a tenth of a second at 64 px, a few seconds at 1024. */
    private static final int STEPS_PER_TASK = 5;

    /** One domain's rendering of a photo. */
    public record DomainImage(String name, Images.Argb image) {}

    private record Extra(String name, NDManager manager, Generator generator) {}

    private final TrainingService training;
    private final List<Extra> extras = new CopyOnWriteArrayList<>();

    public PhotoService(TrainingService training) {
        this.training = training;
    }

    /** The domain strength the previews show: translations use it too. */
    public double previewStrength() {
        return training.previewStrength();
    }

    /** The loaded generator's image side (tensor thread round trip), 0 when none is loaded. */
    public CompletableFuture<Integer> imageSize() {
        return training.submit(() -> {
            LoadedModels m = training.loadedModels();
            return m == null ? 0 : m.frozen.config().size();
        });
    }

    /** Inverts {@code aligned} (already the generator's size); progress arrives on the tensor thread. */
    public CompletableFuture<InversionResult> invert(BufferedImage aligned, InversionOptions options,
            Consumer<Projector.Progress> progress, BooleanSupplier cancelled) {
        CompletableFuture<InversionResult> done = new CompletableFuture<>();
        training.submit(() -> {
            LoadedModels m = training.loadedModels();
            if (m == null) {
                throw new IllegalStateException("No models are loaded");
            }
            Projector.Perceptual p = m.clips.isEmpty() ? null : m.perceptual();
            Projector.Session s = new Projector(m.frozen, p, p == null ? options.withPerceptualWeight(0) : options)
                    .start(Photos.toTensor(aligned, m.manager), null);
            advance(s, progress, cancelled, done);
            return null;
        }).exceptionally(e -> {
            done.completeExceptionally(e);
            return null;
        });
        return done;
    }

    private void advance(Projector.Session s, Consumer<Projector.Progress> progress, BooleanSupplier cancelled,
            CompletableFuture<InversionResult> done) {
        try {
            for (int k = 0; k < STEPS_PER_TASK && !s.done(); k++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("inversion cancelled");
                }
                progress.accept(s.step());
            }
            if (s.done()) {
                InversionResult r = s.result();
                s.close();
                done.complete(r);
                return;
            }
            training.submit(() -> {
                advance(s, progress, cancelled, done); // the next few steps, after whatever was queued meanwhile
                return null;
            });
        } catch (RuntimeException | Error e) {
            s.close();
            done.completeExceptionally(e);
        }
    }

    /** The latent rendered in every domain: the shown adapted generator first, then the added ones. */
    public CompletableFuture<List<DomainImage>> translate(InversionResult.Latent latent, double strength) {
        return training.submit(() -> {
            List<DomainImage> out = new ArrayList<>();
            TrainingService.Adapted a = training.adapted();
            LoadedModels m = training.loadedModels();
            if (m == null) {
                return out;
            }
            if (a != null) {
                out.add(new DomainImage(a.provenance().isEmpty() ? "adapted" : label(a), render(m, a.trained(), latent, strength)));
            }
            for (Extra e : extras) {
                out.add(new DomainImage(e.name(), render(m, e.generator(), latent, strength)));
            }
            return out;
        });
    }

    /** Adds an adapted generator (a session's or any .pt adapted from the loaded generator) as a domain. */
    public CompletableFuture<String> addDomain(Path file) {
        return training.submit(() -> {
            LoadedModels m = training.loadedModels();
            if (m == null) {
                throw new IllegalStateException("No models are loaded");
            }
            NDManager sub = m.manager.newSubManager();
            try {
                Generator g = GeneratorCheckpoint.read(file, null).build(sub);
                if (!g.config().equals(m.frozen.config())) {
                    throw new IllegalArgumentException(file + " was adapted from another generator than the one loaded");
                }
                String name = file.getParent() != null && file.getFileName().toString().equals("generator.pt")
                        ? file.getParent().getFileName().toString() : file.getFileName().toString();
                extras.add(new Extra(name, sub, g));
                return name;
            } catch (Exception e) {
                sub.close();
                throw e;
            }
        });
    }

    /** Forgets the added domains (the models changed: they belonged to the previous generator). */
    public CompletableFuture<Void> clearDomains() {
        return training.submit(() -> {
            extras.forEach(e -> e.manager().close());
            extras.clear();
            return null;
        });
    }

    private static Images.Argb render(LoadedModels m, Generator g, InversionResult.Latent latent, double strength) {
        Generator shown = strength == 1.0 ? g : m.blend.blend(m.frozen, g, strength);
        return Translation.render(shown, latent);
    }

    private static String label(TrainingService.Adapted a) {
        Object c = a.provenance().get("config");
        if (c instanceof studio.nada.nada.NadaConfig nc) {
            return nc.target();
        }
        if (c instanceof java.util.Map<?, ?> map && map.get("target") != null) {
            return String.valueOf(map.get("target"));
        }
        return "adapted";
    }
}
