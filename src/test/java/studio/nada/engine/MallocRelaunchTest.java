package studio.nada.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the relaunched child is started with. */
class MallocRelaunchTest {
    @Test
    void anInstalledLauncherIsRestartedWithTheProgramsArgumentsAndTheUsersLibraryPath() {
        String before = System.getProperty("jpackage.app-path");
        System.setProperty("jpackage.app-path", "/opt/nada-studio/bin/nada-cli");
        try {
            assertEquals(List.of("/opt/nada-studio/bin/nada-cli", "generate", "--seeds", "0-3"),
                    MallocRelaunch.commandLine(new String[] {"generate", "--seeds", "0-3"}));
            Map<String, String> env = new HashMap<>(Map.of("LD_LIBRARY_PATH", "/usr/local/lib:/opt/nada-studio/lib/app"));
            MallocRelaunch.restoreLibraryPath(env);
            assertEquals("/usr/local/lib", env.get("LD_LIBRARY_PATH"));
            env.put("LD_LIBRARY_PATH", ":/opt/nada-studio/lib/app");
            MallocRelaunch.restoreLibraryPath(env);
            assertFalse(env.containsKey("LD_LIBRARY_PATH"));
        } finally {
            if (before == null) {
                System.clearProperty("jpackage.app-path");
            } else {
                System.setProperty("jpackage.app-path", before);
            }
        }
    }

    @Test
    void aJavaCommandLineIsRepeatedAsGiven() {
        List<String> line = MallocRelaunch.commandLine(new String[] {"ignored"});
        // the test JVM itself was started by a java command: its own arguments come back, not ours
        assertEquals("java", java.nio.file.Path.of(line.get(0)).getFileName().toString());
        assertFalse(line.contains("ignored"));
    }
}
