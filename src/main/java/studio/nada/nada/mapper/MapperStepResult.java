package studio.nada.nada.mapper;

/**
 * One mapper step's loss and its parts as the reference logs them (loss_clip, loss_l2_latent,
 * loss_norm, loss_id; each before its lambda, NaN when its term is off); {@code skipped} when
 * the gradient was not finite and the weights were left as they were.
 */
public record MapperStepResult(int step, double loss, double clip, double latentL2, double norm, double id,
        boolean skipped, long millis) {}
