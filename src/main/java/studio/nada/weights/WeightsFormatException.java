package studio.nada.weights;

import java.io.IOException;

/** A weights file that cannot be read: corrupt, truncated, hostile or of an unknown format. */
public class WeightsFormatException extends IOException {
    public WeightsFormatException(String message) {
        super(message);
    }

    public WeightsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
