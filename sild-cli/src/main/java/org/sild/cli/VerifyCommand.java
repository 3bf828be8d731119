package org.sild.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sild.core.asic.ArchiveChain;
import org.sild.core.asic.ArchiveVerifier;
import org.sild.core.asic.AsicVerification;
import org.sild.core.asic.AsicVerifier;
import org.sild.core.asic.VerificationConf;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sild verify}: verifies ASiC-E evidence containers and message log archives (their linking, within
 * and across consecutive archives, and every container inside) against a verification configuration.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Verify evidence: ASiC-E containers (.asice) and message log archives (.zip).",
            "A container is checked as X-Road's asicverifier does: time-stamp by an approved",
            "TSA, signature, hash chains, certificate chain to an approved CA and OCSP at the",
            "time-stamp's time. An archive's linkinginfo is checked, and consecutive archives",
            "given in order must chain. Exit status: 0 all valid, 1 any invalid, 2 usage error."})
final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--conf", paramLabel = "CONF",
            description = "verificationconf.zip (from a security server's /verificationconf) or a global "
                    + "configuration directory as a security server stores it")
    Path conf;

    @Option(names = "--verbose", description = "print what was checked for each valid container")
    boolean verbose;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".asice containers and .zip archives")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (conf == null) {
            err.println("sild verify: --conf is needed (a verificationconf.zip or a global configuration directory)");
            return 2;
        }
        AsicVerifier verifier;
        try {
            verifier = new AsicVerifier(VerificationConf.load(conf));
        } catch (XRoadException e) {
            err.println("sild verify: cannot load " + conf + ": " + e.getMessage());
            return 2;
        }
        long archives = files.stream().filter(VerifyCommand::isArchive).count();
        int archiveIndex = 0;
        boolean allValid = true;
        ArchiveChain chain = ArchiveChain.open();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("sild verify: no such file " + file);
                return 2;
            }
            if (isArchive(file)) {
                archiveIndex++;
                if (archives > 1) {
                    err.println("[" + archiveIndex + "/" + archives + "] " + file.getFileName());
                }
                allValid &= verifyArchive(file, chain, verifier, out);
            } else {
                allValid &= verifyContainer(file.getFileName().toString(), verify(verifier, file), out);
            }
        }
        return allValid ? 0 : 1;
    }

    private boolean verifyArchive(Path file, ArchiveChain chain, AsicVerifier verifier, PrintWriter out) {
        String name = file.getFileName().toString();
        boolean[] containersValid = {true};
        try {
            Optional<String> expected = chain.expectedPrevious();
            ArchiveVerifier.ArchiveCheck check = chain.next(file, (entry, bytes) ->
                    containersValid[0] &= verifyContainer(name + "!" + entry, verifier.verify(bytes), out));
            out.println("valid " + name + ": linking " + check.linkingInfo().algorithm().jcaName() + ", "
                    + check.containers().size() + " containers, "
                    + (expected.isPresent() ? "follows the previous archive" : "previous "
                            + check.linkingInfo().previousArchive().orElse("-"))
                    + ", last digest " + check.lastDigest());
            return containersValid[0];
        } catch (XRoadException e) {
            out.println("invalid " + name + ": linking: " + e.getMessage());
            // Later archives are checked against what this one claims no longer: restart the chain.
            chain.reset();
            return false;
        }
    }

    private boolean verifyContainer(String name, AsicVerification result, PrintWriter out) {
        if (!result.valid()) {
            out.println("invalid " + name + ": " + result.faultCode().orElseThrow().format(FaultStyle.SNAKE_CASE)
                    + ": " + result.reason());
            return false;
        }
        AsicVerification.Checked c = result.checked().orElseThrow();
        out.println("valid " + name + ": signed by " + c.signer() + " at " + c.timeStampTime());
        if (verbose) {
            out.println("  signer certificate: " + c.signingCertificate().getSubjectX500Principal().getName());
            c.signingTime().ifPresent(t -> out.println("  signing time: " + t));
            out.println("  ocsp: produced at " + c.ocspProducedAt() + " by " + c.ocspResponder());
            out.println("  time-stamp: " + c.timeStampTime() + " by " + c.tsaName()
                    + (c.batchTimeStamp() ? " (batch)" : " (single)"));
            c.unverifiedParts().forEach(p -> out.println("  unverified: " + p + " (not in the container)"));
        }
        return true;
    }

    private static boolean isArchive(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static AsicVerification verify(AsicVerifier verifier, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return verifier.verify(in);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
