package org.sild.securityserver.envmonitor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The software versions reported as {@code proxyVersion} and in the {@code Packages} set. Sild is
 * not a set of operating system packages: the set lists its own modules and the main libraries it
 * runs on, each with the version its jar declares (manifest {@code Implementation-Version} or
 * {@code Bundle-Version}, else the Maven {@code pom.properties} inside the jar), and the Java runtime.
 * A module run from a classes directory (a development build) has the version {@code development}.
 * Computed once; immutable afterwards.
 */
final class Packages {

    /** What a version is when no jar declares one. */
    static final String DEVELOPMENT = "development";

    /** Package name → a class in it; libraries absent from the class path are left out. */
    private static final Map<String, String> COMPONENTS = components();

    private static Map<String, String> components() {
        var m = new LinkedHashMap<String, String>();
        m.put("sild-core", "org.sild.core.id.ClientId");
        m.put("sild-runtime", "org.sild.runtime.config.YamlConfig");
        m.put("sild-security-server", "org.sild.securityserver.SecurityServer");
        m.put("jetty-server", "org.eclipse.jetty.server.Server");
        m.put("jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper");
        m.put("bcprov", "org.bouncycastle.jce.provider.BouncyCastleProvider");
        m.put("bcpkix", "org.bouncycastle.cert.X509CertificateHolder");
        m.put("HikariCP", "com.zaxxer.hikari.HikariDataSource");
        m.put("flyway-core", "org.flywaydb.core.Flyway");
        m.put("h2", "org.h2.Driver");
        m.put("postgresql", "org.postgresql.Driver");
        m.put("micrometer-core", "io.micrometer.core.instrument.MeterRegistry");
        m.put("snakeyaml-engine", "org.snakeyaml.engine.v2.api.LoadSettings");
        m.put("slf4j-api", "org.slf4j.Logger");
        m.put("logback-classic", "ch.qos.logback.classic.Logger");
        return m;
    }

    private static final String PROXY_VERSION = versionOf(Packages.class);
    private static final List<Metric> PACKAGES = list();

    private Packages() {
    }

    /** Sild's version: the security server module's. */
    static String proxyVersion() {
        return PROXY_VERSION;
    }

    /** The {@code Packages} set: {@code <name> = <version>} string metrics. */
    static Metric.Set set() {
        return new Metric.Set("Packages", PACKAGES);
    }

    private static List<Metric> list() {
        var out = new ArrayList<Metric>();
        ClassLoader loader = Packages.class.getClassLoader();
        for (var e : COMPONENTS.entrySet()) {
            try {
                out.add(new Metric.Text(e.getKey(), versionOf(Class.forName(e.getValue(), false, loader))));
            } catch (ClassNotFoundException | LinkageError absent) {
                // Not on this server's class path: not reported.
            }
        }
        out.add(new Metric.Text("java", Runtime.version().toString()));
        return out;
    }

    /** The version of the jar {@code type} came from, or {@link #DEVELOPMENT}. */
    static String versionOf(Class<?> type) {
        Optional<String> declared = Optional.ofNullable(type.getPackage()).map(Package::getImplementationVersion);
        return declared.or(() -> jarOf(type).flatMap(Packages::jarVersion)).orElse(DEVELOPMENT);
    }

    private static Optional<Path> jarOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> jarVersion(Path jar) {
        try (var file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest != null) {
                for (String key : List.of("Implementation-Version", "Bundle-Version")) {
                    String v = manifest.getMainAttributes().getValue(key);
                    if (v != null && !v.isBlank()) {
                        return Optional.of(v.strip());
                    }
                }
            }
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        var props = new Properties();
                        props.load(in);
                        return Optional.ofNullable(props.getProperty("version"));
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            // Unreadable jar: no declared version.
        }
        return Optional.empty();
    }
}
