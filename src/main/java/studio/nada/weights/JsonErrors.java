package studio.nada.weights;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/** Jackson's parse errors in a user's terms. */
public final class JsonErrors {
    private JsonErrors() {}

    /**
     * The problem and where it is ("Unexpected character (',' …) (line 1, column 62)"), without
     * Jackson's location line, which quotes its source as "REDACTED (StreamReadFeature…)".
     */
    public static String describe(IOException e) {
        if (e instanceof JsonProcessingException j && j.getOriginalMessage() != null) {
            JsonLocation at = j.getLocation();
            return j.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return e.getMessage();
    }
}
