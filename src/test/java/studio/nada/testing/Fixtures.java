package studio.nada.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared/fixtures} (surefire passes its path as {@code nada.shared}). Tests that
 * need it are skipped, with a message saying so, where it is absent.
 */
public final class Fixtures {
    private Fixtures() {}

    public static Path shared() {
        Path path = Path.of(System.getProperty("nada.shared", "../shared")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(path.resolve("fixtures")),
                "skipped: shared fixtures not found at " + path + "/fixtures (they live beside the checkout)");
        return path;
    }

    /** A file of {@code fixtures/golden}. */
    public static Path golden(String name) {
        return shared().resolve("fixtures/golden").resolve(name);
    }

    /** A file of {@code fixtures/real}, by its path under that folder. */
    public static Path real(String relative) {
        return shared().resolve("fixtures/real").resolve(relative);
    }
}
