package studio.nada.ui.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.nada.weights.AtomicFiles;

/**
 * settings.json in the user's config folder ({@code $XDG_CONFIG_HOME/nada-studio}, else
 * {@code ~/.config/nada-studio}; {@code -Dnada.studio.home} overrides, as tests do). Writes are
 * atomic; an unreadable file gives the defaults, never an error at start.
 */
public final class SettingsStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path home;

    public SettingsStore(Path home) {
        this.home = home;
    }

    public static SettingsStore forUser() {
        String override = System.getProperty("nada.studio.home");
        if (override != null) {
            return new SettingsStore(Path.of(override));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new SettingsStore(base.resolve("nada-studio"));
    }

    public Path home() {
        return home;
    }

    /** Where adaptation runs write their checkpoints and exports. */
    public Path sessionsFolder() {
        return home.resolve("sessions");
    }

    public Settings load() {
        Path file = home.resolve("settings.json");
        if (!Files.isRegularFile(file)) {
            return Settings.defaults();
        }
        try {
            return JSON.readValue(file.toFile(), Settings.class);
        } catch (IOException | RuntimeException e) {
            return Settings.defaults();
        }
    }

    public void save(Settings settings) throws IOException {
        AtomicFiles.write(home.resolve("settings.json"), out -> JSON.writeValue(new NonClosing(out), settings));
    }

    /** Jackson closes the stream it writes to; AtomicFiles still needs it open to force it to disk. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
