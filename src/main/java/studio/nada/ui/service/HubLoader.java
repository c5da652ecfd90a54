package studio.nada.ui.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import studio.nada.hub.ModelCache;
import studio.nada.hub.ModelHub;

/**
 * Opens the model hub for the studio. A user catalog that cannot be read does not stop the
 * studio: the built-in catalog is used instead (the file is left as it is) and the reason is kept
 * for a notice.
 */
public final class HubLoader {
    private HubLoader() {}

    /** The hub, and why only the built-in catalog is in it (null when all was read). */
    public record Opened(ModelHub hub, String problem) {}

    public static Opened open(ModelCache cache) {
        try {
            return new Opened(new ModelHub(cache), null);
        } catch (IOException e) {
            try {
                return new Opened(ModelHub.withBuiltInCatalog(cache), e.getMessage() + ". The built-in models are"
                        + " listed; your own entries come back once " + cache.userCatalog()
                        + " is repaired or deleted.");
            } catch (IOException builtIn) {
                throw new UncheckedIOException("the studio's own model catalog cannot be read", builtIn);
            }
        }
    }
}
