package studio.nada.inversion;

/**
 * The projection's settings, rosinality's by default: 500 steps, lr 0.1, latent jitter 0.05 of
 * the latents' spread fading over the first 75% of steps, noise regularization 1e5. The pixel
 * term carries weight 1 and the perceptual term 0.1: our perceptual model is CLIP, whose features
 * are coarse, so the pixels lead and CLIP keeps the result a plausible image.
 */
public record InversionOptions(int steps, double lr, double latentNoise, double noiseRamp, double mseWeight,
        double perceptualWeight, double noiseWeight, int previewEvery, long seed) {

    public InversionOptions {
        if (steps < 1 || steps > 100_000) {
            throw new IllegalArgumentException("steps must be 1 to 100000, got " + steps);
        }
        if (!(lr > 0 && lr <= 10)) {
            throw new IllegalArgumentException("lr must be in (0, 10], got " + lr);
        }
        if (!(noiseRamp > 0) || !(latentNoise >= 0) || !(mseWeight >= 0) || !(perceptualWeight >= 0)
                || !(noiseWeight >= 0)) {
            throw new IllegalArgumentException("inversion weights must be non-negative numbers");
        }
        previewEvery = Math.max(1, previewEvery);
    }

    public static InversionOptions defaults() {
        return new InversionOptions(500, 0.1, 0.05, 0.75, 1.0, 0.1, 1e5, 25, 0);
    }

    public InversionOptions withSteps(int n) {
        return new InversionOptions(n, lr, latentNoise, noiseRamp, mseWeight, perceptualWeight, noiseWeight,
                previewEvery, seed);
    }

    public InversionOptions withPerceptualWeight(double w) {
        return new InversionOptions(steps, lr, latentNoise, noiseRamp, mseWeight, w, noiseWeight, previewEvery, seed);
    }
}
