package studio.nada.nada.mapper;

/**
 * One mapper step's loss and its parts as the reference logs them (loss_clip, loss_l2_latent,
 * loss_norm, loss_id; each before its lambda); {@code id} is NaN without an identity loss.
 */
public record MapperStepResult(int step, double loss, double clip, double latentL2, double norm, double id,
        long millis) {}
