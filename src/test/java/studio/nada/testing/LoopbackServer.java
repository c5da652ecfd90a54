package studio.nada.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's own) that serves files the way download servers do
 * — Content-Length, ETag, Range requests answered with 206 — and misbehaves on demand: cuts the
 * connection midway, sends slowly, answers 404 or a web page. Each request is recorded.
 */
public final class LoopbackServer implements AutoCloseable {
    /** How one path is served; every field but {@code content} is a misbehaviour. */
    public record Route(byte[] content, int status, boolean html, long cutAfterBytes, int cutTimes,
            long bytesPerSecond, boolean ignoreRange, long stallAfterBytes) {
        public static Route file(byte[] content) {
            return new Route(content, 200, false, -1, 0, 0, false, -1);
        }

        /** The first {@code times} responses close the connection after {@code bytes} body bytes. */
        public Route cutAfter(long bytes, int times) {
            return new Route(content, status, html, bytes, times, bytesPerSecond, ignoreRange, stallAfterBytes);
        }

        public Route slow(long bytesPerSecond) {
            return new Route(content, status, html, cutAfterBytes, cutTimes, bytesPerSecond, ignoreRange, stallAfterBytes);
        }

        public Route status(int code) {
            return new Route(content, code, html, cutAfterBytes, cutTimes, bytesPerSecond, ignoreRange, stallAfterBytes);
        }

        public Route asHtmlPage() {
            return new Route(content, status, true, cutAfterBytes, cutTimes, bytesPerSecond, ignoreRange, stallAfterBytes);
        }

        public Route ignoringRange() {
            return new Route(content, status, html, cutAfterBytes, cutTimes, bytesPerSecond, true, stallAfterBytes);
        }

        /** Sends {@code bytes}, then holds the connection open and silent. */
        public Route stallAfter(long bytes) {
            return new Route(content, status, html, cutAfterBytes, cutTimes, bytesPerSecond, ignoreRange, bytes);
        }
    }

    /** One request as received: path and Range header (null when none). */
    public record Request(String path, String range) {}

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutsDone = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public static LoopbackServer start() throws IOException {
        return new LoopbackServer();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public LoopbackServer route(String path, Route route) {
        routes.put(path, route);
        cutsDone.remove(path);
        return this;
    }

    public List<Request> requests(String path) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(new Request(path, range));
        Route r = routes.get(path);
        try {
            if (r == null || r.status() == 404) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            if (r.status() != 200) {
                ex.sendResponseHeaders(r.status(), -1);
                ex.close();
                return;
            }
            byte[] body = r.content();
            ex.getResponseHeaders().add("Content-Type", r.html() ? "text/html; charset=utf-8" : "application/octet-stream");
            ex.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
            ex.getResponseHeaders().add("Accept-Ranges", "bytes");
            long start = 0;
            if (range != null && !r.ignoreRange() && range.startsWith("bytes=")) {
                start = Long.parseLong(range.substring(6, range.indexOf('-')));
                if (start >= body.length) {
                    ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                    ex.sendResponseHeaders(416, -1);
                    ex.close();
                    return;
                }
                ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
                ex.sendResponseHeaders(206, body.length - start);
            } else {
                ex.sendResponseHeaders(200, body.length);
            }
            boolean cut = r.cutAfterBytes() >= 0 && cutsDone.merge(path, 1, Integer::sum) <= r.cutTimes();
            OutputStream out = ex.getResponseBody();
            long sent = 0;
            int chunk = 8192;
            for (long pos = start; pos < body.length; pos += chunk) {
                int n = (int) Math.min(chunk, body.length - pos);
                if (cut && sent + n > r.cutAfterBytes()) {
                    out.write(body, (int) pos, (int) (r.cutAfterBytes() - sent));
                    out.flush();
                    // thrown out of the handler, the JDK's server drops the connection mid-body
                    throw new IOException("cut on purpose");
                }
                if (r.stallAfterBytes() >= 0 && sent >= r.stallAfterBytes()) {
                    out.flush();
                    Thread.sleep(60_000);
                    ex.close();
                    return;
                }
                out.write(body, (int) pos, n);
                sent += n;
                if (r.bytesPerSecond() > 0) {
                    out.flush();
                    Thread.sleep(Math.max(1, 1000L * n / r.bytesPerSecond()));
                }
            }
            ex.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
