package studio.nada.toyworld;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import studio.nada.clip.ClipModel;
import studio.nada.nada.ClipGuide;
import studio.nada.nada.RecommendedSettings;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.weights.Safetensors;

/**
 * The built-in Shapes world: the shipped generator, CLIP and tokenizer (resources built by
 * {@code toyworld build}), for when no other model is chosen. Scenes are drawn by
 * {@link ShapeRenderer}, captioned by {@link Captions}, measured by {@link ShapeStats}.
 */
public final class ShapesWorld {
    public static final String GENERATOR_FILE = "shapes_generator.pt";
    public static final String CLIP_FILE = "shapes_clip.safetensors";
    /**
     * The second CLIP, trained as the first from other seeds. NADA guides with both,
     * as the paper guides with ViT-B/32 and ViT-B/16: a direction that fools one small CLIP rarely
     * fools the other, so together they recolor shapes that either alone reshaped or left alone.
     */
    public static final String CLIP_B_FILE = "shapes_clip_b.safetensors";
    /** The world's own metadata: the NADA settings and prompts that work for it. */
    public static final String RECOMMENDED_FILE = "shapes_world.json";
    private static final String RESOURCES = "/studio/nada/toyworld/";

    private ShapesWorld() {}

    /** The shipped generator checkpoint ({@code g_ema} and {@code latent_avg}). */
    public static GeneratorCheckpoint generatorCheckpoint() throws IOException {
        GeneratorCheckpoint c = readResource(GENERATOR_FILE, file -> GeneratorCheckpoint.read(file, null));
        // named after the resource: the temporary copy it was read from is gone
        return new GeneratorCheckpoint(Path.of(GENERATOR_FILE), c.stateDict(), c.latentAvg());
    }

    /** The generator of the shipped world ({@code world} null) or of one {@code toyworld build} wrote, on {@code root}. */
    public static Generator generator(Path world, NDManager root) throws IOException {
        return (world == null ? generatorCheckpoint() : GeneratorCheckpoint.read(world.resolve(GENERATOR_FILE), null))
                .build(root);
    }

    /** The shipped generator file's bytes (for its checksum); the caller closes the stream. */
    public static InputStream generatorBytes() throws IOException {
        return open(GENERATOR_FILE);
    }

    /** The shipped CLIP, on {@code manager}'s device; close it when done. */
    /**
     * The two CLIP guides of the shipped world ({@code world} null) or of one that {@code toyworld
     * build} wrote into {@code world}, weighted as {@code weights} says, on {@code root}.
     */
    public static List<ClipGuide> guides(Path world, double[] weights, NDManager root) throws IOException {
        ShapesTokenizer tok = world == null ? tokenizer() : tokenizer(world.resolve(ShapesVocabulary.FILE));
        ClipModel a = world == null ? clip(root) : loadClip(world.resolve(CLIP_FILE), root);
        ClipModel b = world == null ? clipB(root) : loadClip(world.resolve(CLIP_B_FILE), root);
        return List.of(new ClipGuide("shapes", a, tok, weights[0], root), new ClipGuide("shapes-b", b, tok, weights[1], root));
    }

    public static ClipModel clip(NDManager manager) throws IOException {
        return loadClip(readResource(CLIP_FILE, Safetensors::read), Path.of(CLIP_FILE), manager);
    }

    /** The shipped second CLIP ({@link #CLIP_B_FILE}). */
    public static ClipModel clipB(NDManager manager) throws IOException {
        return loadClip(readResource(CLIP_B_FILE, Safetensors::read), Path.of(CLIP_B_FILE), manager);
    }

    /** A Shapes CLIP file as {@code toyworld build} writes it; head counts come from its metadata. */
    public static ClipModel loadClip(Path file, NDManager manager) throws IOException {
        return loadClip(Safetensors.read(file), file, manager);
    }

    /** A Shapes CLIP from contents already read from {@code file}. */
    public static ClipModel loadClip(Safetensors.Contents c, Path file, NDManager manager) {
        Map<String, String> meta = c.metadata();
        return ClipModel.load(c.tensors(), manager, heads(meta, "vision_heads", file), heads(meta, "text_heads", file));
    }

    /** A shipped CLIP's tensors ({@link #CLIP_FILE} or {@link #CLIP_B_FILE}), by OpenAI's names. */
    public static Map<String, studio.nada.weights.TensorData> clipTensors(String file) throws IOException {
        return readResource(file, Safetensors::read).tensors();
    }

    /** Whether {@code file} is a Shapes CLIP as {@code toyworld build} writes it (safetensors naming its vocabulary). */
    public static boolean isShapesClip(Path file) {
        return readIfShapesClip(file) != null;
    }

    /** The contents of a Shapes CLIP file, read once for checking and loading; null for any other file. */
    public static Safetensors.Contents readIfShapesClip(Path file) {
        if (!file.getFileName().toString().endsWith(".safetensors") || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            // the header first: another CLIP's tensors (hundreds of MB) are left for its own loader
            if (!ShapesVocabulary.FILE.equals(Safetensors.metadata(file).get("tokenizer"))) {
                return null;
            }
            return Safetensors.read(file);
        } catch (IOException | RuntimeException e) {
            return null; // not readable as safetensors: the general loader reports why
        }
    }

    /** The settings and prompts this world recommends ({@link #RECOMMENDED_FILE}, shipped beside its models). */
    public static RecommendedSettings recommended() {
        try (InputStream in = open(RECOMMENDED_FILE)) {
            return RecommendedSettings.read(in, RECOMMENDED_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Shapes world's recommended settings", e);
        }
    }

    /** Copies the shipped metadata into {@code dir}, so a build's output holds the whole model set. */
    public static void copyRecommended(Path dir) throws IOException {
        try (InputStream in = open(RECOMMENDED_FILE)) {
            Files.copy(in, dir.resolve(RECOMMENDED_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The shipped tokenizer. */
    public static ShapesTokenizer tokenizer() {
        try (InputStream in = open(ShapesVocabulary.FILE)) {
            return ShapesTokenizer.read(new InputStreamReader(in, StandardCharsets.UTF_8),
                    ShapesTokenizer.DEFAULT_CONTEXT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Shapes vocabulary", e);
        }
    }

    /** A vocabulary file as {@code toyworld build} writes it (a world built but not shipped). */
    public static ShapesTokenizer tokenizer(Path vocabulary) throws IOException {
        try (var in = Files.newBufferedReader(vocabulary, StandardCharsets.UTF_8)) {
            return ShapesTokenizer.read(in, ShapesTokenizer.DEFAULT_CONTEXT);
        }
    }

    private static int heads(Map<String, String> meta, String key, Path file) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": no '" + key + "' in the safetensors metadata;"
                    + " not a Shapes CLIP written by 'toyworld build'");
        }
        return Integer.parseInt(v);
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = ShapesWorld.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("resource " + RESOURCES + name + " is missing from the build");
        }
        return in;
    }

    /** A reader of a weights file: the readers take paths. */
    interface FileReader<T> {
        T read(Path file) throws IOException;
    }

    /**
     * Reads a shipped resource (possibly inside a jar) with a reader that takes files. The resource
     * is copied into a temporary folder made for this one read (a random name, created atomically,
     * owner-only: rwx------, its file rw-------), read whole into memory and deleted with its folder
     * at once. No path is predictable or reused, so another user cannot plant substitute weights,
     * and only a kill during the read itself can leave the copy behind.
     */
    static <T> T readResource(String name, FileReader<T> reader) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path dir = Files.createTempDirectory("nada-shapes-" + ProcessHandle.current().pid() + "-",
                ownerOnly(posix, "rwx------"));
        try {
            Path file = Files.createTempFile(dir, "", "-" + name, ownerOnly(posix, "rw-------"));
            try (InputStream in = open(name)) {
                try (OutputStream to = Files.newOutputStream(file)) { // writes into it: Files.copy would replace it
                    in.transferTo(to);
                } catch (IOException e) {
                    throw new IOException("cannot copy the built-in " + name + " into " + dir.getParent() + " to read"
                            + " it: " + e.getMessage(), e);
                }
                return reader.read(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static FileAttribute<?>[] ownerOnly(boolean posix, String permissions) {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(permissions))} : new FileAttribute<?>[0];
    }
}
