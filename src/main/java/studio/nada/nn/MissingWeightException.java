package studio.nada.nn;

/** A checkpoint that does not fit the model: names the first missing or mismatched key. */
public class MissingWeightException extends IllegalArgumentException {
    public MissingWeightException(String message) {
        super(message);
    }
}
