package org.sild.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sild.configurationproxy.ConfigurationProxy;
import org.sild.configurationproxy.ConfigurationProxyConfig;
import org.sild.configurationproxy.SigningKeyInfo;
import org.sild.configurationproxy.SigningKeys;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.runtime.config.YamlConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sild configuration-proxy}: run the configuration proxy, write the anchor of one of its
 * instances, and manage an instance's signing keys (rotation). Every command reads the proxy's YAML
 * configuration; see {@code docs/configuration-proxy.md}. Exit 0 on success, 2 for usage errors and
 * failures (the message printed).
 */
@Command(name = "configuration-proxy", mixinStandardHelpOptions = true,
        description = "The configuration proxy: mirrors global configuration, re-signed with its own keys.",
        subcommands = {ConfigurationProxyCommand.Run.class, ConfigurationProxyCommand.Anchor.class,
            ConfigurationProxyCommand.AddSigningKey.class, ConfigurationProxyCommand.ActivateSigningKey.class,
            ConfigurationProxyCommand.RemoveSigningKey.class, ConfigurationProxyCommand.ListSigningKeys.class})
final class ConfigurationProxyCommand {

    /** The configuration file every command reads. */
    static final class ConfigFile {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the proxy's YAML configuration")
        Path file;

        ConfigurationProxyConfig load() {
            return YamlConfig.load(file, ConfigurationProxyConfig.class);
        }
    }

    /** The proxy instance a key or anchor command is about. */
    static final class InstanceOption {
        @Option(names = "--instance", required = true, paramLabel = "NAME", description = "the proxy instance")
        String name;

        SigningKeys keys(CommandSpec spec, ConfigurationProxyConfig config) {
            if (config.instance(name).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "the configuration has no instance '" + name
                        + "' (it has " + config.instances().stream().map(ConfigurationProxyConfig.Instance::name)
                        .toList() + ")");
            }
            return ConfigurationProxy.signingKeys(config, name);
        }
    }

    /** {@code sild configuration-proxy run}: serves until the process is stopped. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run the configuration proxy with the configuration in FILE until stopped (Ctrl-C).",
                "The first start creates a signing key for every instance that has none."})
    static final class Run implements Callable<Integer> {

        @Mixin
        ConfigFile config = new ConfigFile();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            ConfigurationProxy proxy = ConfigurationProxy.start(config.load());
            PrintWriter out = spec.commandLine().getOut();
            out.println("configuration proxy running: configuration port " + proxy.port() + ", admin port "
                    + proxy.adminPort());
            for (String name : proxy.instances()) {
                out.println("  " + name + ": http://" + proxy.address() + "/" + name + "/conf   (anchor: http://"
                        + proxy.address() + "/" + name + "/anchor)");
            }
            out.flush();
            var stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                proxy.close();
                stopped.countDown();
            }, "configuration-proxy-stop"));
            stopped.await();
            return 0;
        }
    }

    /** {@code sild configuration-proxy anchor}: the anchor security servers import. */
    @Command(name = "anchor", mixinStandardHelpOptions = true,
            description = {"Write the configuration anchor of an instance: the XML file security servers (or other",
                "proxies) import to download from the proxy. Creates the instance's first signing key if needed."})
    static final class Anchor implements Callable<Integer> {

        @Mixin
        ConfigFile config = new ConfigFile();

        @Mixin
        InstanceOption instance = new InstanceOption();

        @Option(names = "--out", paramLabel = "FILE", description = "write the anchor here (default: stdout)")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ConfigurationProxyConfig cfg = config.load();
            instance.keys(spec, cfg);
            ConfigurationAnchor anchor = ConfigurationProxy.anchor(cfg, instance.name, Clock.systemUTC(),
                    new SecureRandom());
            byte[] xml = anchor.toXml();
            if (out == null) {
                spec.commandLine().getOut().print(new String(xml, StandardCharsets.UTF_8));
                spec.commandLine().getOut().flush();
            } else {
                writeAtomically(out, xml);
                spec.commandLine().getErr().println("wrote the anchor of " + instance.name + " (instance "
                        + anchor.instanceIdentifier() + ", " + anchor.verificationCerts().size()
                        + " certificate(s)) to " + out + "; SHA-224 hash " + ConfigurationAnchor.fileHash(xml));
            }
            return 0;
        }
    }

    /** {@code sild configuration-proxy add-signing-key}: the first step of a key rotation. */
    @Command(name = "add-signing-key", mixinStandardHelpOptions = true,
            description = {"Create a signing key with a self-signed certificate for an instance. It becomes",
                "active only if the instance has no active key or --activate is given; otherwise it is only",
                "announced (anchor, shared parameters) until activate-signing-key."})
    static final class AddSigningKey implements Callable<Integer> {

        @Mixin
        ConfigFile config = new ConfigFile();

        @Mixin
        InstanceOption instance = new InstanceOption();

        @Option(names = "--algorithm", paramLabel = "RSA|EC", defaultValue = "RSA",
                description = "key algorithm: RSA (2048, default) or EC (P-256)")
        String algorithm;

        @Option(names = "--activate", description = "sign with the new key at once")
        boolean activate;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SigningKeys.Algorithm alg;
            try {
                alg = SigningKeys.Algorithm.valueOf(algorithm.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--algorithm must be RSA or EC, not '" + algorithm
                        + "'");
            }
            SigningKeyInfo key = instance.keys(spec, config.load()).add(alg, activate, Clock.systemUTC(),
                    new SecureRandom());
            PrintWriter out = spec.commandLine().getOut();
            out.println("added signing key " + key.id() + " (" + alg + ")" + (key.active() ? ", active" : ""));
            if (!key.active()) {
                out.println("distribute the new anchor (sild configuration-proxy anchor), wait until clients have"
                        + " downloaded, then: sild configuration-proxy activate-signing-key --key " + key.id());
            }
            return 0;
        }
    }

    /** {@code sild configuration-proxy activate-signing-key}. */
    @Command(name = "activate-signing-key", mixinStandardHelpOptions = true,
            description = "Sign an instance's configuration with the given key from the next download run on.")
    static final class ActivateSigningKey implements Callable<Integer> {

        @Mixin
        ConfigFile config = new ConfigFile();

        @Mixin
        InstanceOption instance = new InstanceOption();

        @Option(names = "--key", required = true, paramLabel = "ID", description = "the key id")
        String key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            instance.keys(spec, config.load()).activate(key.toUpperCase(Locale.ROOT));
            spec.commandLine().getOut().println("signing key " + key.toUpperCase(Locale.ROOT) + " is active");
            return 0;
        }
    }

    /** {@code sild configuration-proxy remove-signing-key}: the last step of a key rotation. */
    @Command(name = "remove-signing-key", mixinStandardHelpOptions = true,
            description = "Delete an instance's signing key (not the active one); anchors no longer list it.")
    static final class RemoveSigningKey implements Callable<Integer> {

        @Mixin
        ConfigFile config = new ConfigFile();

        @Mixin
        InstanceOption instance = new InstanceOption();

        @Option(names = "--key", required = true, paramLabel = "ID", description = "the key id")
        String key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            instance.keys(spec, config.load()).remove(key.toUpperCase(Locale.ROOT));
            spec.commandLine().getOut().println("removed signing key " + key.toUpperCase(Locale.ROOT));
            return 0;
        }
    }

    /** {@code sild configuration-proxy signing-keys}: lists an instance's keys. */
    @Command(name = "signing-keys", mixinStandardHelpOptions = true,
            description = "List an instance's signing keys: id, state, algorithm, certificate SHA-256 fingerprint.")
    static final class ListSigningKeys implements Callable<Integer> {

        @Mixin
        ConfigFile config = new ConfigFile();

        @Mixin
        InstanceOption instance = new InstanceOption();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            for (SigningKeyInfo key : instance.keys(spec, config.load()).list()) {
                out.println(key.id() + "  " + (key.active() ? "active   " : "announced") + "  "
                        + key.certificate().getPublicKey().getAlgorithm() + "  "
                        + HexFormat.ofDelimiter(":").formatHex(DigestAlgorithm.SHA256.digest(
                                key.certificate().getEncoded())).toUpperCase(Locale.ROOT));
            }
            return 0;
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".anchor-", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
