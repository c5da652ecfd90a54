package studio.nada.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import studio.nada.hub.CatalogEntry;
import studio.nada.hub.ModelHub;

/**
 * Where a command takes a model file it also takes a catalog name ({@code --generator
 * stylegan2-ffhq-1024}, {@code --clip ViT-B/32}): an existing file wins, then the model of that
 * name downloaded into the cache. The catalog is read only when the text is not a file, so a
 * damaged user catalog never stands between a user and their own files.
 */
final class CatalogNames {
    private CatalogNames() {}

    static Path generator(String text) {
        return resolve(text, CatalogEntry.Kind.GENERATOR);
    }

    static Path clip(String text) {
        return resolve(text, CatalogEntry.Kind.CLIP);
    }

    private static Path resolve(String text, CatalogEntry.Kind kind) {
        if (text == null) {
            return null;
        }
        try {
            Path p = Path.of(text);
            if (Files.exists(p)) {
                return p;
            }
        } catch (InvalidPathException ignored) {
            // not a path here: maybe a name
        }
        try {
            return ModelHub.standard().resolve(text, kind);
        } catch (IOException e) {
            throw new UncheckedIOException("the model catalog could not be read: " + e.getMessage(), e);
        }
    }
}
