package studio.nada.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import studio.nada.hub.DownloadException.Reason;

/**
 * Fetches a catalog entry into the {@link ModelCache}: HTTP(S) with the system's proxy settings,
 * progress with rate and ETA, resume with a Range request after a cut (here, after a later
 * "Download", or in another process), and the sha256 checked before the file is moved, whole,
 * to where models are looked for. A failure leaves no file there; a cut keeps the bytes fetched
 * so far, hidden, for the resume.
 */
public final class Downloader {
    private static final int ATTEMPTS = 4; // a first try and three resumes after cuts
    private static final int CHUNK = 64 * 1024;
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final ModelCache cache;
    private final HttpClient client;
    private final Duration stallTimeout;
    private final FreeSpace freeSpace;

    /**
     * Model downloads go through the proxy the desktop or OS is set to use, unless the user set
     * Java's own proxy properties; call before the first connection (the launchers do).
     */
    public static void useSystemProxies() {
        if (System.getProperty("java.net.useSystemProxies") == null) {
            System.setProperty("java.net.useSystemProxies", "true");
        }
    }

    /** Usable bytes on the cache's disk (replaceable in tests). */
    @FunctionalInterface
    interface FreeSpace {
        long usable(Path folder) throws IOException;
    }

    public Downloader(ModelCache cache) {
        this(cache, Duration.ofSeconds(60), f -> Files.getFileStore(f).getUsableSpace());
    }

    Downloader(ModelCache cache, Duration stallTimeout, FreeSpace freeSpace) {
        this.cache = cache;
        this.stallTimeout = stallTimeout;
        this.freeSpace = freeSpace;
        this.client = HttpClient.newBuilder()
                .proxy(ProxySelector.getDefault())
                .followRedirects(HttpClient.Redirect.NORMAL) // https → http is refused
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /**
     * Downloads {@code e} unless it is already there; returns the finished file. Runs on the
     * caller's thread; {@code cancelled} is polled between chunks.
     */
    public Path download(CatalogEntry e, Consumer<DownloadProgress> progress, BooleanSupplier cancelled)
            throws DownloadException {
        if (e.local() != null) {
            throw new DownloadException(Reason.NOT_FOUND, e.name() + " is your own file " + e.local() + "; it is not downloaded");
        }
        Path target = cache.fileOf(e);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (PartialDownload part = PartialDownload.open(cache, e)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    fetch(e, part, progress, cancelled);
                    break;
                } catch (DownloadException ex) {
                    if (ex.reason() != Reason.NETWORK || attempt == ATTEMPTS || cancelled.getAsBoolean()) {
                        throw ex;
                    }
                    sleep(500L * attempt); // the connection was cut: resume after a pause
                }
            }
            progress.accept(new DownloadProgress(e.name(), DownloadProgress.Phase.VERIFYING, part.bytes(), part.bytes(),
                    0, Double.NaN));
            String sha = Checksums.sha256(part.part, cancelled);
            if (e.sha256() != null && !e.sha256().equals(sha)) {
                part.discard();
                throw new DownloadException(Reason.CHECKSUM_MISMATCH, e.name() + ": the downloaded file's sha256 is "
                        + sha + " but the catalog says " + e.sha256() + ". The file was corrupted on the way or the"
                        + " server's file changed; nothing was kept.");
            }
            Files.createDirectories(target.getParent());
            Files.move(part.part, target, StandardCopyOption.ATOMIC_MOVE);
            part.finished();
            if (e.sha256() == null) {
                // no checksum to check against: keep the one seen, so a later change of the file shows
                Files.writeString(target.resolveSibling(target.getFileName() + ".sha256"), sha + "\n");
            }
            long size = Files.size(target);
            progress.accept(new DownloadProgress(e.name(), DownloadProgress.Phase.DONE, size, size, 0, 0));
            return target;
        } catch (DownloadException ex) {
            throw ex;
        } catch (IOException ex) {
            throw new DownloadException(Reason.WRITE_FAILED, e.name() + ": could not write to " + cache.root() + ": "
                    + ex.getMessage(), ex);
        }
    }

    /** One request: from the part's end when it can resume, else from the start. */
    private void fetch(CatalogEntry e, PartialDownload part, Consumer<DownloadProgress> progress,
            BooleanSupplier cancelled) throws IOException {
        PartialDownload.Info info = part.info();
        long have = part.bytes();
        if (have > 0 && (info == null || !e.url().equals(info.url()))) {
            part.discard(); // bytes of unknown origin are never resumed
            have = 0;
        }
        if (e.size() != null) {
            checkSpace(e, e.size() - have);
        }
        progress.accept(new DownloadProgress(e.name(), DownloadProgress.Phase.CONNECTING, have, e.size() == null ? -1
                : e.size(), 0, Double.NaN));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(e.url())).timeout(Duration.ofSeconds(60))
                .header("User-Agent", "NADA-Studio/0.1 (java.net.http)");
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
            String validator = info.etag() != null ? info.etag() : info.lastModified();
            if (validator != null) {
                req.header("If-Range", validator); // a changed file comes whole (200), never spliced
            }
        }
        HttpResponse<InputStream> resp = send(e, req.build());
        try (InputStream body = resp.body()) {
            int status = resp.statusCode();
            if (status == 416 && info != null && have == info.total()) {
                return; // it was complete already: the checksum decides
            }
            if (status == 404 || status == 410) {
                throw new DownloadException(Reason.NOT_FOUND, e.name() + ": the server has no file at " + e.url()
                        + " (HTTP " + status + "). The catalog entry may be out of date.");
            }
            if (status == 416) {
                part.discard();
                throw new DownloadException(Reason.NETWORK, e.name() + ": the server refused to resume; starting over");
            }
            if (status != 200 && status != 206) {
                throw new DownloadException(status >= 500 ? Reason.NETWORK : Reason.HTTP_ERROR, e.name()
                        + ": the server answered HTTP " + status + (status == 401 || status == 403
                                ? " (access refused: the file may need a login)" : "") + " for " + e.url());
            }
            String type = resp.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (type.startsWith("text/html")) {
                throw new DownloadException(Reason.NOT_A_MODEL_FILE, e.name() + ": " + e.url() + " sent a web page,"
                        + " not the model file (a login or confirmation page?). Download it in a browser and use"
                        + " Open file… (or `models add`).");
            }
            long start = status == 206 ? rangeStart(resp) : 0;
            if (status == 206 && start != have) {
                part.discard();
                throw new DownloadException(Reason.NETWORK, e.name() + ": the server resumed at byte " + start
                        + " instead of " + have + "; starting over");
            }
            long total = total(resp, start);
            if (total > 0 && e.size() != null && total != e.size()) {
                part.discard();
                throw new DownloadException(Reason.SIZE_MISMATCH, e.name() + ": the server's file is " + total
                        + " bytes but the catalog says " + e.size() + "; not downloaded.");
            }
            if (total > 0) {
                checkSpace(e, total - start);
            }
            part.saveInfo(new PartialDownload.Info(e.url(), resp.headers().firstValue("ETag").orElse(null),
                    resp.headers().firstValue("Last-Modified").orElse(null), total));
            copy(e, body, part.part, start, total, progress, cancelled);
        }
    }

    private HttpResponse<InputStream> send(CatalogEntry e, HttpRequest req) throws DownloadException {
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException ex) {
            throw new DownloadException(Reason.NETWORK, e.name() + ": could not connect to " + req.uri().getHost()
                    + " (no network, or the server is down)", ex);
        } catch (IOException ex) {
            String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            throw new DownloadException(Reason.NETWORK, e.name() + ": " + req.uri().getHost() + ": " + why, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DownloadException(Reason.CANCELLED, e.name() + ": download cancelled");
        }
    }

    /** Appends the body to the part from {@code start}, with progress, cancel and a stall watchdog. */
    private void copy(CatalogEntry e, InputStream body, Path part, long start, long total,
            Consumer<DownloadProgress> progress, BooleanSupplier cancelled) throws IOException {
        AtomicBoolean stalled = new AtomicBoolean();
        AtomicLong lastByteAt = new AtomicLong(System.nanoTime());
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long checkMs = Math.max(50, Math.min(1000, stallTimeout.toMillis() / 4));
        ScheduledFuture<?> watch = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastByteAt.get() > stallTimeout.toNanos() || cancelled.getAsBoolean()) {
                stalled.set(!cancelled.getAsBoolean());
                closeQuietly(body); // unblocks the read below
            }
        }, checkMs, checkMs, TimeUnit.MILLISECONDS);
        Rate rate = new Rate();
        long written = start;
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(start); // a 200 starts over; a 206 appends to exactly what was kept
            out.position(start);
            byte[] buf = new byte[CHUNK];
            long lastEvent = 0;
            while (true) {
                int n;
                try {
                    n = body.read(buf);
                } catch (IOException ex) {
                    out.force(false);
                    throw interrupted(e, written, total, stalled.get(), cancelled.getAsBoolean(), ex);
                }
                if (n < 0) {
                    break;
                }
                lastByteAt.set(System.nanoTime());
                try {
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                } catch (IOException ex) {
                    throw writeFailed(e, part, ex);
                }
                written += n;
                rate.add(written);
                if (cancelled.getAsBoolean()) {
                    out.force(false);
                    throw interrupted(e, written, total, false, true, null);
                }
                long now = System.nanoTime();
                if (now - lastEvent > PROGRESS_EVERY_NANOS) {
                    lastEvent = now;
                    double bps = rate.bytesPerSecond();
                    progress.accept(new DownloadProgress(e.name(), DownloadProgress.Phase.DOWNLOADING, written, total,
                            bps, total > 0 && bps > 0 ? (total - written) / bps : Double.NaN));
                }
            }
            out.force(false);
        } finally {
            watch.cancel(true);
            watchdog.shutdownNow();
        }
        if (cancelled.getAsBoolean()) {
            throw interrupted(e, written, total, false, true, null);
        }
        if (total > 0 && written != total) {
            throw interrupted(e, written, total, stalled.get(), false, null);
        }
        progress.accept(new DownloadProgress(e.name(), DownloadProgress.Phase.DOWNLOADING, written, total, 0, 0));
    }

    private DownloadException interrupted(CatalogEntry e, long written, long total, boolean stalled, boolean cancelled,
            IOException cause) {
        String where = Bytes.human(written) + (total > 0 ? " of " + Bytes.human(total) : "");
        if (cancelled) {
            return new DownloadException(Reason.CANCELLED, e.name() + ": cancelled at " + where
                    + "; Download again to resume", cause);
        }
        if (stalled) {
            return new DownloadException(Reason.STALLED, e.name() + ": the server sent nothing for "
                    + stallTimeout.toSeconds() + " s (stopped at " + where + "); Download again to resume", cause);
        }
        return new DownloadException(Reason.NETWORK, e.name() + ": the connection was cut at " + where
                + "; Download again to resume", cause);
    }

    private DownloadException writeFailed(CatalogEntry e, Path part, IOException ex) {
        String msg = String.valueOf(ex.getMessage());
        if (msg.toLowerCase(Locale.ROOT).contains("space") || msg.toLowerCase(Locale.ROOT).contains("quota")) {
            return new DownloadException(Reason.DISK_FULL, e.name() + ": the disk of " + cache.root()
                    + " is full. Free some space (or set " + ModelCache.ENV + " to another disk), then Download"
                    + " again to resume.", ex);
        }
        return new DownloadException(Reason.WRITE_FAILED, e.name() + ": could not write " + part + ": " + msg, ex);
    }

    private void checkSpace(CatalogEntry e, long needed) throws IOException {
        Files.createDirectories(cache.root());
        long free = freeSpace.usable(cache.root());
        if (needed > free) {
            throw new DownloadException(Reason.DISK_FULL, e.name() + " needs " + Bytes.human(needed) + " but the disk of "
                    + cache.root() + " has " + Bytes.human(free) + " free. Free some space or set " + ModelCache.ENV
                    + " to another disk.");
        }
    }

    private static long rangeStart(HttpResponse<?> resp) {
        // Content-Range: bytes START-END/TOTAL
        String cr = resp.headers().firstValue("Content-Range").orElse("");
        try {
            return Long.parseLong(cr.replaceFirst("^bytes\\s+", "").split("-")[0].trim());
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    private static long total(HttpResponse<?> resp, long start) {
        String cr = resp.headers().firstValue("Content-Range").orElse("");
        int slash = cr.lastIndexOf('/');
        if (slash >= 0 && !cr.endsWith("*")) {
            try {
                return Long.parseLong(cr.substring(slash + 1).trim());
            } catch (NumberFormatException ignored) {
                // fall through to Content-Length
            }
        }
        long len = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        return len < 0 ? -1 : start + len;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing only to unblock a read
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes per second over a sliding window of about three seconds. */
    private static final class Rate {
        private final long[] at = new long[32];
        private final long[] bytes = new long[32];
        private int n;

        void add(long total) {
            long now = System.nanoTime();
            int i = n % at.length;
            if (n > 0 && now - at[(n - 1) % at.length] < 50_000_000L) {
                bytes[(n - 1) % at.length] = total; // at most one sample per 50 ms
                return;
            }
            at[i] = now;
            bytes[i] = total;
            n++;
        }

        double bytesPerSecond() {
            if (n < 2) {
                return 0;
            }
            int last = (n - 1) % at.length;
            int first = n <= at.length ? 0 : n % at.length;
            double secs = (at[last] - at[first]) / 1e9;
            return secs > 0 ? (bytes[last] - bytes[first]) / secs : 0;
        }
    }
}
