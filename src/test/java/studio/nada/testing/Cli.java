package studio.nada.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import studio.nada.cli.Main;

/** Runs a CLI command in-process and captures its output. */
public final class Cli {
    private Cli() {}

    public record Run(int code, String out, String err) {}

    public static Run run(String... args) {
        CommandLine cmd = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
