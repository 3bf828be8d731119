package org.sild.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sild sandbox}: will start a whole X-Road instance in one process. Until the products
 * exist it says what it will start and that it cannot yet, and exits with status 3.
 */
@Command(name = "sandbox", description = "Start a whole Sild instance on this machine (not available yet).")
final class SandboxCommand implements Callable<Integer> {

    static final int NOT_YET = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        err.println("""
                sild sandbox will start, in one process:
                  - trust services: a development CA with its OCSP responder, and an RFC 3161 time-stamping authority
                  - a central server for instance DEV, publishing signed global configuration
                  - security servers ss1, ss2 and ss3 with their members and subsystems
                  - demo information systems that exchange data through them
                not yet: this build contains the protocol library (sild-core) and its tools only;
                the servers come with the next issues. See README.md for what works today.""");
        return NOT_YET;
    }
}
