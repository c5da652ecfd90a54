package studio.nada.toyworld;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One batch of CLIP's training: image twins and caption twins, and the targets of
 * {@link EmbeddingLayout}'s coordinates for both.
 *
 * <p>The first half of the images are scenes (some outlines) in their own color or, half the
 * time, at a random saturated hue, drawn in a random {@link Form} with random variations; the
 * second half repeats each with the same variations at another hue, in the other style or as
 * another kind. Each caption has a twin: the same phrasing with the color, kind or style changed.
 * Twins must agree on the free coordinates, so that a change of one attribute moves only that
 * attribute's coordinates, in the pictures and in the words.
 */
record LayoutBatch(List<Scene> scenes, List<Form> forms, List<ClipAugment.HuePaint> paints,
        List<ClipAugment.Nuisance> nuisances, List<Caption> captions, List<Caption> twins) {
    /** Share of scenes painted at a random hue rather than their named color. */
    static final double FREE_HUE = 0.5;
    /** Share of scenes drawn as outlines, which the generator never draws. */
    static final double OUTLINES = 0.2;
    /** Shares of forms part way to another kind, part filled, warped. */
    static final double MORPHS = 0.35;
    static final double PART_FILLS = 0.15;
    static final double WARPS = 0.3;
    /** Share of forms leant: a parallelogram is not a square, nor a leaning triangle a triangle of the world. */
    static final double SHEARS = 0.25;

    static LayoutBatch draw(int size, SceneSampler sampler, ClipAugment augment) {
        int half = size / 2;
        Random r = sampler.random();
        List<Scene> base = new ArrayList<>();
        for (Scene s : sampler.next(half)) {
            base.add(r.nextDouble() < OUTLINES ? s.withStyle(ShapeStyle.OUTLINE) : s);
        }
        List<Scene> scenes = new ArrayList<>(base);
        List<ClipAugment.HuePaint> paints = new ArrayList<>();
        List<ClipAugment.Nuisance> nuisances = new ArrayList<>();
        List<Form> forms = new ArrayList<>();
        for (Scene s : base) {
            paints.add(augment.huePaint(s, FREE_HUE));
            nuisances.add(augment.nuisance(s));
            forms.add(Form.random(s, r, MORPHS, PART_FILLS, WARPS, SHEARS));
        }
        for (int i = 0; i < half; i++) {
            Scene s = base.get(i);
            Form f = forms.get(i);
            double pick = r.nextDouble();
            if (pick >= 0.5 && pick < 0.75 && f.pureStyle()) {
                Scene t = s.withStyle(s.style().other());
                scenes.add(t);
                forms.add(f.withFill(t.style() == ShapeStyle.OUTLINE ? 0 : 1));
                paints.add(paints.get(i));
            } else if (pick >= 0.75 && f.pureKind()) {
                Scene t = s.withKind(s.kind().other(r));
                scenes.add(t);
                forms.add(f.asKind(t.kind()));
                paints.add(paints.get(i));
            } else {
                scenes.add(s);
                forms.add(f);
                paints.add(augment.huePaint(s, 1));
            }
            nuisances.add(nuisances.get(i));
        }
        List<Caption> captions = new ArrayList<>();
        List<Caption> twins = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ShapeColor named = paints.get(i).named();
            Scene s = named == null ? scenes.get(i) : scenes.get(i).withColor(named);
            long seed = r.nextLong();
            Form f = forms.get(i);
            captions.add(Captions.random(s, new Random(seed), named != null, f.pureKind(), f.pureStyle()));
            twins.add(Captions.random(textTwin(s, r), new Random(seed), named != null, f.pureKind(), f.pureStyle()));
        }
        return new LayoutBatch(scenes, forms, paints, nuisances, captions, twins);
    }

    int size() {
        return scenes.size();
    }

    /** [B·B] row-major: how far caption j is true of image i. */
    float[] match() {
        int b = size();
        float[] match = new float[b * b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                match[i * b + j] = (float) paints.get(i).truth(captions.get(j), scenes.get(i), forms.get(i));
            }
        }
        return match;
    }

    /** [B, DIMS]: where each image's held coordinates belong. */
    float[] imageTargets() {
        int g = EmbeddingLayout.DIMS;
        float[] out = new float[size() * g];
        for (int i = 0; i < size(); i++) {
            copy(EmbeddingLayout.image(scenes.get(i), forms.get(i), paints.get(i).hue(), nuisances.get(i)), out, i * g);
        }
        return out;
    }

    /** [2B, DIMS]: the captions' then their twins'. */
    float[] textTargets() {
        int g = EmbeddingLayout.DIMS;
        float[] out = new float[2 * size() * g];
        for (int i = 0; i < size(); i++) {
            copy(EmbeddingLayout.text(captions.get(i)), out, i * g);
            copy(EmbeddingLayout.text(twins.get(i)), out, (size() + i) * g);
        }
        return out;
    }

    /** The captions' texts, then their twins'. */
    List<String> texts() {
        List<String> texts = new ArrayList<>(captions.stream().map(Caption::text).toList());
        twins.forEach(c -> texts.add(c.text()));
        return texts;
    }

    /** The same scene with one attribute a caption can name changed: its color, kind or style. */
    private static Scene textTwin(Scene s, Random r) {
        double pick = r.nextDouble();
        if (pick < 0.45) {
            ShapeColor[] all = ShapeColor.values();
            return s.withColor(all[(s.color().ordinal() + 1 + r.nextInt(all.length - 1)) % all.length]);
        }
        return pick < 0.8 ? s.withKind(s.kind().other(r)) : s.withStyle(s.style().other());
    }

    private static void copy(double[] from, float[] to, int offset) {
        for (int k = 0; k < from.length; k++) {
            to[offset + k] = (float) from[k];
        }
    }
}
