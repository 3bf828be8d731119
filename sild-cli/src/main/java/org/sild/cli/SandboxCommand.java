package org.sild.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.sild.cli.sandbox.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sild sandbox}: a whole X-Road instance on this machine in one process — development trust
 * services, a signed global configuration, security servers ss1–ss3 and demo information systems
 * — then waits until it is stopped (Ctrl+C).
 */
@Command(name = "sandbox", description = {
    "Start a whole Sild instance (DEV) on 127.0.0.1, built through the real flows: trust services (:8888,",
    ":8899), a central server (global configuration :8180, registration :4001, management :4002, admin",
    ":4000), security servers ss1 (:8080), ss2 (:8081), ss3 (:8082), demo information systems, and a",
    "second instance FED (security server :8083, global configuration :8280) federated with DEV.",
    "State is kept in DIR and reused on the next start; --reset starts clean."})
final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "where the sandbox keeps its state (default ${DEFAULT-VALUE})")
    Path dir = Path.of(".sild", "sandbox");

    @Option(names = "--reset", description = "delete the state of earlier runs first")
    boolean reset;

    @Option(names = "--port-offset", paramLabel = "N",
            description = "move every port up by N, e.g. 10000 for ss1 on :18080 (default 0)")
    int portOffset;

    @Option(names = "--no-wait", description = "stop again once ready (for checks and scripts)")
    boolean noWait;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (portOffset < 0 || portOffset > Sandbox.MAX_PORT_OFFSET) {
            throw new ParameterException(spec.commandLine(), "--port-offset must be between 0 and "
                    + Sandbox.MAX_PORT_OFFSET + ", not " + portOffset);
        }
        if (reset) {
            deleteRecursively(dir);
        }
        long started = System.nanoTime();
        Sandbox sandbox = Sandbox.start(dir, portOffset, Clock.systemUTC(), new SecureRandom());
        var out = spec.commandLine().getOut();
        out.print(sandbox.quickstart());
        out.printf("(ready in %.1f s)%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        if (noWait) {
            sandbox.close();
            return 0;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-stop"));
        stopped.await();
        return 0;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
