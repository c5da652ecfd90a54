package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The shipped models are read through a private copy made for one read and deleted after it. */
class ShippedResourceTest {
    @Test
    void eachReadUsesAFreshOwnerOnlyCopyThatIsGoneAfterwards() throws Exception {
        Path[] seen = new Path[2];
        for (int i = 0; i < 2; i++) {
            int k = i;
            long size = ShapesWorld.readResource(ShapesWorld.GENERATOR_FILE, file -> {
                seen[k] = file;
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
                return Files.size(file);
            });
            assertEquals(true, size > 1_000_000, "the whole generator was copied: " + size);
            assertFalse(Files.exists(seen[i]));
            assertFalse(Files.exists(seen[i].getParent()));
        }
        assertNotEquals(seen[0].getParent(), seen[1].getParent(), "no folder name is reused");
    }
}
