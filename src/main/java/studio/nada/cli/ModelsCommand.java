package studio.nada.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studio.nada.hub.Bytes;
import studio.nada.hub.CatalogEntry;
import studio.nada.hub.DownloadProgress;
import studio.nada.hub.ModelCache;
import studio.nada.hub.ModelHub;

/** {@code models}: the catalog of real generators and CLIP models, and the cache they download into. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, download and locate real models by name (cache: $" + ModelCache.ENV
                + " or the platform's cache folder).",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Download.class, ModelsCommand.PathOf.class,
                ModelsCommand.Add.class, ModelsCommand.Remove.class})
public final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "Every catalog model: name, kind, domain, size, state.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ModelHub hub = ModelHub.standard();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("cache: %s%n", hub.cache().root());
            out.printf("%-26s %-9s %-9s %-9s %-10s %s%n", "NAME", "KIND", "DOMAIN", "SIZE", "STATE", "TITLE");
            for (CatalogEntry e : hub.catalog().entries()) {
                ModelCache.State s = hub.cache().state(e);
                String state = switch (s) {
                    case READY -> e.local() != null ? "your file" : "ready";
                    case PARTIAL -> "partial " + Bytes.human(hub.cache().partialBytes(e));
                    case MISSING -> "missing";
                };
                out.printf("%-26s %-9s %-9s %-9s %-10s %s%n", e.name(), e.kind().label(), e.domain(),
                        e.size() == null ? "?" : Bytes.human(e.size()), state, e.title());
            }
            return 0;
        }
    }

    @Command(name = "download", description = "Download a catalog model into the cache (resumes a cut download;"
            + " checks the sha256 where the catalog has one).")
    static final class Download implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "catalog name or alias")
        String name;

        @Override
        public Integer call() throws Exception {
            ModelHub hub = ModelHub.standard();
            CatalogEntry e = find(hub, name);
            PrintWriter err = spec.commandLine().getErr();
            long[] lastLine = {0};
            Path file = hub.download(e, p -> {
                long now = System.nanoTime();
                if (p.phase() != DownloadProgress.Phase.DOWNLOADING || now - lastLine[0] > 1_000_000_000L) {
                    lastLine[0] = now;
                    String pct = p.fraction() >= 0 ? String.format(Locale.ROOT, "%3.0f%% ", 100 * p.fraction()) : "";
                    err.println(e.name() + ": " + pct + p.describe());
                    err.flush();
                }
            }, () -> false);
            spec.commandLine().getOut().println(file);
            return 0;
        }
    }

    @Command(name = "path", description = "Print the file of a downloaded catalog model (fails when it is not there).")
    static final class PathOf implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "catalog name or alias")
        String name;

        @Override
        public Integer call() throws Exception {
            ModelHub hub = ModelHub.standard();
            CatalogEntry e = find(hub, name);
            spec.commandLine().getOut().println(hub.resolve(e.name(), e.kind()));
            return 0;
        }
    }

    @Command(name = "add", description = "Add a file you have to the catalog under a name (the file stays where it is).")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "a new name: a-z, 0-9, '.', '_', '-'")
        String name;

        @Option(names = "--file", required = true, description = "the model file")
        Path file;

        @Option(names = "--kind", required = true, description = "generator or clip")
        String kind;

        @Option(names = "--domain", defaultValue = "any", description = "what a generator draws: faces, cats, dogs,"
                + " churches, cars, … (prompts fit it; default ${DEFAULT-VALUE})")
        String domain;

        @Override
        public Integer call() throws Exception {
            ModelHub hub = ModelHub.standard();
            if (hub.catalog().find(name).isPresent()) {
                throw new IllegalArgumentException("the catalog already has a model named " + name);
            }
            CatalogEntry e = hub.addLocal(name, CatalogEntry.Kind.parse(kind), file.toAbsolutePath(), domain);
            spec.commandLine().getOut().println("added " + e.name() + " -> " + e.local());
            return 0;
        }
    }

    @Command(name = "remove", description = "Delete a downloaded model from the cache, or forget a file you added"
            + " (your file itself is never deleted).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "catalog name or alias")
        String name;

        @Override
        public Integer call() throws Exception {
            ModelHub hub = ModelHub.standard();
            CatalogEntry e = find(hub, name);
            hub.remove(e);
            spec.commandLine().getOut().println("removed " + e.name());
            return 0;
        }
    }

    private static CatalogEntry find(ModelHub hub, String name) {
        return hub.catalog().find(name).orElseThrow(() -> new IllegalArgumentException(
                "no model named '" + name + "' in the catalog (`nada-studio models list` shows the names)"));
    }
}
