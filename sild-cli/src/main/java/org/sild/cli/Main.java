package org.sild.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sild} command: one entry point for every Sild tool and product. */
@Command(name = "sild",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Sild: an X-Road-compatible data exchange layer.",
        subcommands = {SandboxCommand.class, IdCommand.class, GlobalConfCommand.class, SecurityServerCommand.class,
            CentralServerCommand.class, ConfigurationProxyCommand.class, TrustServicesCommand.class,
            BenchCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs {@code sild} with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        var cli = new CommandLine(new Main());
        // "@file" is ours to interpret (sild bench --data @request.xml), not picocli's argument files.
        cli.setExpandAtFiles(false);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("sild: " + ex.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sild " + (v == null ? "development" : v)};
        }
    }
}
