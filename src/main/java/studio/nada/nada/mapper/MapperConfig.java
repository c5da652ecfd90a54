package studio.nada.nada.mapper;

/**
 * A mapper run's settings; {@link #defaults(String)} are the reference's (train_options.py):
 * clip_lambda 1.0, latent_l2_lambda 0.8, norm_lambda 0.5, id_lambda 0.1 (used only with an
 * {@link IdentityLoss}), batch 2, Ranger lr 0.5, training latents truncated with ψ 0.7.
 */
public record MapperConfig(String description, double clipLambda, double latentL2Lambda, double normLambda,
        double idLambda, int batch, double lr, double truncation, long seed, LatentMapper.PixelNormAxis pixelNorm) {
    public MapperConfig {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("the mapper needs a description text");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be positive, got " + lr);
        }
    }

    public static MapperConfig defaults(String description) {
        return new MapperConfig(description, 1.0, 0.8, 0.5, 0.1, 2, 0.5, 0.7, 0, LatentMapper.PixelNormAxis.CHANNELS);
    }

    public MapperConfig withLr(double value) {
        return new MapperConfig(description, clipLambda, latentL2Lambda, normLambda, idLambda, batch, value,
                truncation, seed, pixelNorm);
    }

    public MapperConfig withSeed(long value) {
        return new MapperConfig(description, clipLambda, latentL2Lambda, normLambda, idLambda, batch, lr,
                truncation, value, pixelNorm);
    }

    public MapperConfig withPixelNorm(LatentMapper.PixelNormAxis value) {
        return new MapperConfig(description, clipLambda, latentL2Lambda, normLambda, idLambda, batch, lr,
                truncation, seed, value);
    }
}
