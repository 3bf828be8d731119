package org.sild.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sild.centralserver.CentralServer;
import org.sild.centralserver.CentralServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sild central-server run --config FILE}: runs a central server from its YAML configuration
 * until the process is stopped. See {@code docs/central-server.md}.
 */
@Command(name = "run", description = "Run a central server with the configuration in FILE (YAML) until stopped.")
final class CentralServerRunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        CentralServer server = CentralServer.start(CentralServerConfig.load(config));
        spec.commandLine().getOut().printf("central server of %s running: global configuration port %d, admin %d,"
                + " registration %d, management %d%n", server.registry().instance(), server.configurationPort(),
                server.adminPort(), server.registrationPort(), server.managementPort());
        spec.commandLine().getOut().flush();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "central-server-stop"));
        stopped.await();
        return 0;
    }
}
