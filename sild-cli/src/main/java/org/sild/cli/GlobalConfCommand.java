package org.sild.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryVerifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sild globalconf}: work with X-Road global configuration. */
@Command(name = "globalconf", description = "Work with X-Road global configuration.",
        mixinStandardHelpOptions = true, subcommands = GlobalConfCommand.Verify.class)
final class GlobalConfCommand {

    /** Largest input file read, in bytes. */
    static final long MAX_FILE = 64L * 1024 * 1024;

    /**
     * {@code sild globalconf verify}: verifies a signed configuration directory and optionally the
     * part files it lists; exit 0 when valid, 1 when not, 2 for usage errors.
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {
                "Verify a signed global configuration directory: the body served at",
                "/internalconf or /externalconf, optionally preceded by its Content-Type",
                "line as the central server stores it. Checks the signature (with the",
                "certificates of an anchor or of certificate files) and the expiry; with",
                "--parts also the hash of every listed part, looked up in DIR by its",
                "content location and then by its file name.",
                "Exit status: 0 valid, 1 invalid, 2 usage error."})
    static final class Verify implements Callable<Integer> {

        static final class Trust {
            @Option(names = "--anchor", paramLabel = "ANCHOR.xml", required = true,
                    description = "configuration anchor whose verification certificates are trusted")
            Path anchor;

            @Option(names = "--cert", paramLabel = "CERT", required = true,
                    description = "trusted verification certificate, PEM or DER (repeatable)")
            List<Path> certs;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Trust trust;

        @Option(names = "--at", paramLabel = "ISO-INSTANT",
                description = "verify as of this instant, e.g. 2025-11-10T18:00:00Z (default: now)")
        Instant at;

        @Option(names = "--parts", paramLabel = "DIR", description = "directory holding the part files")
        Path parts;

        @Parameters(index = "0", paramLabel = "FILE", description = "the signed directory")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Instant when = at != null ? at : Clock.systemUTC().instant();
            ConfigurationDirectory directory;
            Optional<String> anchorInstance = Optional.empty();
            try {
                DirectoryVerifier verifier;
                if (trust.anchor != null) {
                    ConfigurationAnchor anchor = ConfigurationAnchor.parse(read(trust.anchor));
                    anchorInstance = Optional.of(anchor.instanceIdentifier());
                    verifier = DirectoryVerifier.of(anchor);
                } else {
                    List<X509Certificate> certs = new ArrayList<>();
                    for (Path p : trust.certs) {
                        certs.add(certificate(p));
                    }
                    verifier = new DirectoryVerifier(certs);
                }
                directory = verifier.verify(read(file), when);
            } catch (XRoadException e) {
                err.println("invalid: " + e.code() + ": " + e.getMessage());
                return 1;
            }

            List<String> lines = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<String> instances = anchorInstance.map(List::of).orElseGet(directory::instances);
            lines.add("instance: " + (instances.isEmpty() ? "-" : String.join(",", instances)));
            lines.add("expires: " + directory.expireDate());
            lines.add("version: " + directory.version().map(String::valueOf).orElse("- (2)"));
            lines.add("signed-by: " + directory.verificationCert().getSubjectX500Principal().getName()
                    + " (" + directory.signatureAlgorithm().uri() + ")");
            for (ContentPart part : directory.parts()) {
                var line = new StringBuilder("part: ").append(part.contentIdentifier().orElse("-"));
                part.instance().ifPresent(i -> line.append(" instance=").append(i));
                line.append(" location=").append(part.contentLocation());
                if (parts != null) {
                    line.append(" hash=").append(checkPart(part, problems));
                }
                lines.add(line.toString());
            }
            if (problems.isEmpty()) {
                out.println("valid");
            }
            lines.forEach(out::println);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("invalid: " + p));
                return 1;
            }
            return 0;
        }

        private String checkPart(ContentPart part, List<String> problems) {
            Optional<Path> found = partFile(part);
            if (found.isEmpty()) {
                problems.add("no file for " + part.contentLocation() + " in " + parts);
                return "missing";
            }
            try {
                part.verify(read(found.get()));
                return "ok";
            } catch (XRoadException e) {
                problems.add(e.code() + ": " + e.getMessage());
                return "MISMATCH";
            }
        }

        /** The file for {@code part} under {@link #parts}: by its location path, else by its file name. */
        private Optional<Path> partFile(ContentPart part) {
            Path root = parts.toAbsolutePath().normalize();
            String location = part.contentLocation();
            int query = location.indexOf('?');
            if (query >= 0) {
                location = location.substring(0, query);
            }
            List<Path> candidates = new ArrayList<>();
            String relative = location.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "").replaceFirst("^/+", "");
            if (!relative.isEmpty()) {
                candidates.add(root.resolve(relative).normalize());
            }
            if (!part.fileName().isEmpty()) {
                candidates.add(root.resolve(part.fileName()).normalize());
            }
            // A location must not lead out of the directory given on the command line.
            return candidates.stream().filter(p -> p.startsWith(root) && Files.isRegularFile(p)).findFirst();
        }

        private byte[] read(Path path) {
            try {
                if (Files.size(path) > MAX_FILE) {
                    throw new ParameterException(spec.commandLine(), path + " is larger than " + MAX_FILE + " bytes");
                }
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + path + ": " + e.getMessage());
            }
        }

        private X509Certificate certificate(Path path) {
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(read(path)));
            } catch (CertificateException | ClassCastException e) {
                throw new ParameterException(spec.commandLine(), path + " is not an X.509 certificate (PEM or DER)");
            }
        }
    }
}
