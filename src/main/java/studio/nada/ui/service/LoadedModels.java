package studio.nada.ui.service;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import studio.nada.clip.ClipModel;
import studio.nada.engine.GradMode;
import studio.nada.engine.TensorEngine;
import studio.nada.nada.DomainBlend;
import studio.nada.nada.Previewer;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.stylegan.Truncation;
import studio.nada.weights.TensorData;

/**
 * A model set on the device: the frozen generator, its truncation mean and previewer, the CLIP
 * models, and the domain-strength twin. Created, used and closed on the tensor thread only.
 */
final class LoadedModels implements AutoCloseable {
    record Clip(ModelSet.ClipSpec spec, ClipModel model) {}

    final ModelSet set;
    final NDManager manager;
    final Generator frozen;
    final TensorData latentAvg;
    final Previewer previewer;
    final List<Clip> clips;
    final DomainBlend blend;
    /** The truncation centre (the previewer's; exports use it too). */
    final NDArray meanLatent;

    private LoadedModels(ModelSet set, NDManager manager, Generator frozen, TensorData latentAvg, NDArray meanLatent,
            List<Clip> clips) {
        this.set = set;
        this.manager = manager;
        this.frozen = frozen;
        this.latentAvg = latentAvg;
        this.meanLatent = meanLatent;
        this.previewer = new Previewer(frozen, meanLatent);
        this.clips = clips;
        this.blend = new DomainBlend(frozen, manager);
    }

    /** Loads every model of {@code set}; on any failure frees what was loaded and says which file failed. */
    static LoadedModels load(ModelSet set) throws IOException {
        NDManager manager = TensorEngine.newManager(TensorEngine.device(null));
        try {
            GeneratorCheckpoint ckpt;
            Generator g;
            try {
                ckpt = set.generator().read();
                g = ckpt.build(manager);
            } catch (IOException | RuntimeException e) {
                throw new IOException("Could not open the generator " + set.generator().describe() + ": " + message(e), e);
            }
            NDArray mean;
            try (GradMode off = GradMode.disabled()) {
                mean = Truncation.meanLatent(g, ckpt.latentAvg(manager), manager);
            }
            List<Clip> clips = new ArrayList<>();
            for (ModelSet.ClipSpec spec : set.clips()) {
                try {
                    clips.add(new Clip(spec, spec.loader().load(manager)));
                } catch (IOException | RuntimeException e) {
                    throw new IOException("Could not open the CLIP model " + spec.source() + ": " + message(e), e);
                }
            }
            return new LoadedModels(set, manager, g, ckpt.latentAvg(), mean, clips);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The first CLIP's image features, the inversion's perceptual term. */
    studio.nada.inversion.Projector.Perceptual perceptual() {
        Clip c = clips.get(0);
        var pre = studio.nada.clip.ClipPreprocess.forModel(c.model());
        return images -> studio.nada.clip.ClipModel.normalize(c.model().encodeImage(pre.apply(images)));
    }

    static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        manager.close();
    }
}
