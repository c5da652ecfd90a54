package studio.nada.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

/** sha256 of a file, read in chunks so a multi-GB checkpoint costs no memory; cancellable. */
public final class Checksums {
    private Checksums() {}

    public static String sha256(Path file, BooleanSupplier cancelled) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in, file.toString(), cancelled);
        }
    }

    /** sha256 of what {@code in} holds (read to its end, not closed). */
    public static String sha256(InputStream in, String what, BooleanSupplier cancelled) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buf = new byte[1 << 20];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            if (cancelled.getAsBoolean()) {
                throw new DownloadException(DownloadException.Reason.CANCELLED, "checksum of " + what + " cancelled");
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
