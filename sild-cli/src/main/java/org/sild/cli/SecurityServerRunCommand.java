package org.sild.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sild.runtime.config.YamlConfig;
import org.sild.securityserver.SecurityServer;
import org.sild.securityserver.SecurityServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sild security-server run --config FILE}: runs a security server from its YAML
 * configuration until the process is stopped. See {@code docs/security-server.md}.
 */
@Command(name = "run", description = "Run a security server with the configuration in FILE (YAML) until stopped.")
final class SecurityServerRunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SecurityServerConfig cfg = YamlConfig.load(config, SecurityServerConfig.class);
        SecurityServer server = SecurityServer.start(cfg);
        spec.commandLine().getOut().printf("security server running: client port %d (HTTPS %d), server port %d,"
                + " OCSP %d, admin %d%n", server.clientHttpPort(), server.clientHttpsPort(), server.serverPort(),
                server.ocspPort(), server.adminPort());
        spec.commandLine().getOut().flush();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "security-server-stop"));
        stopped.await();
        return 0;
    }
}
