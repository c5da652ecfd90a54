package studio.nada.toyworld;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/**
 * How far a {@code toyworld build} output is from the models shipped in resources: the largest
 * absolute difference over every tensor (infinite when the names or shapes differ), and whether
 * the vocabularies are identical. A rebuild with the shipped seeds should be within float noise.
 */
public record ShippedComparison(double generatorMaxDiff, double latentAvgMaxDiff, double clipMaxDiff,
        double clipBMaxDiff, boolean sameVocabulary) {

    public static ShippedComparison of(Path buildDir) throws IOException {
        GeneratorCheckpoint built = GeneratorCheckpoint.read(buildDir.resolve(ShapesWorld.GENERATOR_FILE), null);
        GeneratorCheckpoint shipped = ShapesWorld.generatorCheckpoint();
        double g = maxDiff(built.stateDict(), shipped.stateDict());
        double avg = built.latentAvg() == null || shipped.latentAvg() == null ? Double.POSITIVE_INFINITY
                : maxDiff(Map.of("latent_avg", built.latentAvg()), Map.of("latent_avg", shipped.latentAvg()));
        double c = clipDiff(buildDir, ShapesWorld.CLIP_FILE);
        double cb = clipDiff(buildDir, ShapesWorld.CLIP_B_FILE);
        boolean vocab = Files.readAllLines(buildDir.resolve(ShapesVocabulary.FILE))
                .equals(ShapesWorld.tokenizer().words());
        return new ShippedComparison(g, avg, c, cb, vocab);
    }

    /** Max |diff| of one CLIP file against its shipped twin; infinite when the build does not ship it yet. */
    private static double clipDiff(Path buildDir, String file) throws IOException {
        Map<String, TensorData> shipped;
        try {
            shipped = ShapesWorld.clipTensors(file);
        } catch (IOException e) {
            return Double.POSITIVE_INFINITY; // a resource this build does not have (a new model)
        }
        return maxDiff(Safetensors.read(buildDir.resolve(file)).tensors(), shipped);
    }

    /** Whether every tensor is within {@code tolerance} and the vocabulary is the same. */
    public boolean within(double tolerance) {
        return generatorMaxDiff <= tolerance && latentAvgMaxDiff <= tolerance && clipMaxDiff <= tolerance
                && clipBMaxDiff <= tolerance && sameVocabulary;
    }

    static double maxDiff(Map<String, TensorData> a, Map<String, TensorData> b) {
        if (!a.keySet().equals(b.keySet())) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k).toFloatArray();
            float[] y = b.get(k).toFloatArray();
            if (x.length != y.length) {
                return Double.POSITIVE_INFINITY;
            }
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs((double) x[i] - y[i]));
            }
        }
        return max;
    }
}
