package studio.nada.nada;

/** The loss became NaN or infinite: the run stops and the weights of the last good step stay. */
public class NonFiniteLossException extends RuntimeException {
    private final int iteration;

    public NonFiniteLossException(int iteration, double value) {
        super("the loss or its gradient became " + value + " at iteration " + iteration
                + "; the run was stopped and the last good weights were kept (try a lower learning rate)");
        this.iteration = iteration;
    }

    public int iteration() {
        return iteration;
    }
}
