package org.sild.core.globalconf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;

/**
 * Global configuration as a security server stores it ({@code /etc/xroad/globalconf}): an
 * {@code instance-identifier} file naming the own instance and one directory per instance holding
 * part files, each with a {@code .metadata} JSON beside it.
 *
 * <p>Every part is parsed with the configuration version its metadata names, so a tree may mix
 * versions (federated instances publish different ones). Immutable and thread-safe once loaded.
 */
public record StoredGlobalConf(String ownInstance, Map<String, StoredInstance> instances) {

    /** The file naming the own instance. */
    public static final String INSTANCE_IDENTIFIER_FILE = "instance-identifier";
    /** Suffix of the metadata file beside each part. */
    public static final String METADATA_SUFFIX = ".metadata";

    private static final int MAX_INSTANCES = 1000;
    private static final int MAX_FILES_PER_INSTANCE = 1000;
    private static final Map<String, String> DEFAULT_FILE_NAMES = Map.of(
            "private-params.xml", ContentPart.PRIVATE_PARAMETERS,
            "shared-params.xml", ContentPart.SHARED_PARAMETERS,
            "monitoring-params.xml", ContentPart.MONITORING,
            "fetchinterval-params.xml", ContentPart.FETCH_INTERVAL,
            "nextupdate-params.xml", ContentPart.NEXT_UPDATE);

    public StoredGlobalConf {
        Objects.requireNonNull(ownInstance);
        instances = Map.copyOf(instances);
    }

    /**
     * Loads the tree under {@code dir}.
     *
     * @throws XRoadException {@code MalformedGlobalConf} for a missing or empty
     *     {@code instance-identifier}, a missing own instance, a part without metadata or a part
     *     that does not parse (naming the file)
     */
    public static StoredGlobalConf load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw malformed(dir + " is not a directory");
        }
        Path idFile = dir.resolve(INSTANCE_IDENTIFIER_FILE);
        if (!Files.isRegularFile(idFile)) {
            throw malformed(dir + " has no " + INSTANCE_IDENTIFIER_FILE + " file");
        }
        String own = new String(read(idFile, 1024), StandardCharsets.UTF_8).strip();
        if (own.isEmpty()) {
            throw malformed(idFile + " is empty");
        }
        Map<String, StoredInstance> instances = new TreeMap<>();
        for (Path instanceDir : list(dir)) {
            if (Files.isDirectory(instanceDir) && !hidden(instanceDir)) {
                if (instances.size() == MAX_INSTANCES) {
                    throw malformed(dir + " has more than " + MAX_INSTANCES + " instance directories");
                }
                String name = instanceDir.getFileName().toString();
                instances.put(name, loadInstance(name, instanceDir));
            }
        }
        StoredInstance ownConf = instances.get(own);
        if (ownConf == null || ownConf.parts().isEmpty()) {
            throw malformed(dir + " has no configuration for the own instance " + own);
        }
        return new StoredGlobalConf(own, instances);
    }

    /** The own instance's stored configuration. */
    public StoredInstance own() {
        return instances.get(ownInstance);
    }

    /** The stored configuration of {@code instance}. */
    public Optional<StoredInstance> instance(String instance) {
        return Optional.ofNullable(instances.get(instance));
    }

    /** The shared parameters of {@code instance}. */
    public Optional<SharedParameters> sharedParameters(String instance) {
        return instance(instance).flatMap(StoredInstance::sharedParameters);
    }

    /** The shared parameters of every stored instance, own instance first. */
    public List<SharedParameters> allSharedParameters() {
        var all = new ArrayList<SharedParameters>();
        own().sharedParameters().ifPresent(all::add);
        instances.values().stream().filter(i -> !i.instanceIdentifier().equals(ownInstance))
                .map(StoredInstance::sharedParameters).flatMap(Optional::stream).forEach(all::add);
        return all;
    }

    /** The OCSP fetch interval of the own instance, or its default. */
    public OcspFetchInterval ocspFetchInterval() {
        return own().fetchInterval().orElse(OcspFetchInterval.defaults());
    }

    /** The OCSP nextUpdate setting of the own instance, or its default. */
    public OcspNextUpdate ocspNextUpdate() {
        return own().nextUpdate().orElse(OcspNextUpdate.defaults());
    }

    /** The central monitoring client of the own instance, if published. */
    public Optional<ClientId> monitoringClient() {
        return own().monitoring().flatMap(MonitoringParameters::monitoringClientId);
    }

    /**
     * Checks that the own instance's private and shared parameters are present and not expired at
     * {@code at}, as a security server must before it exchanges messages. A part stored without an
     * expiration date counts as expired.
     *
     * @throws XRoadException {@code OutdatedGlobalConf}, or {@code MalformedGlobalConf} when a part is missing
     */
    public void checkValid(Instant at) {
        for (String id : List.of(ContentPart.PRIVATE_PARAMETERS, ContentPart.SHARED_PARAMETERS)) {
            StoredPart part = own().part(id).orElseThrow(
                    () -> malformed("the own instance " + ownInstance + " has no stored " + id));
            Instant expires = part.metadata().expirationDate().orElse(Instant.MIN);
            if (!expires.isAfter(at)) {
                throw new XRoadException(ErrorCode.OUTDATED_GLOBAL_CONF, id + " of " + ownInstance
                        + (expires == Instant.MIN ? " has no expiration date" : " expired at " + expires));
            }
        }
    }

    private static StoredInstance loadInstance(String instance, Path dir) {
        Optional<PrivateParameters> privateParameters = Optional.empty();
        Optional<SharedParameters> sharedParameters = Optional.empty();
        Optional<MonitoringParameters> monitoring = Optional.empty();
        Optional<OcspFetchInterval> fetchInterval = Optional.empty();
        Optional<OcspNextUpdate> nextUpdate = Optional.empty();
        List<StoredPart> parts = new ArrayList<>();
        List<Path> files = list(dir).stream()
                .filter(f -> Files.isRegularFile(f) && !hidden(f) && !f.toString().endsWith(METADATA_SUFFIX)).toList();
        if (files.size() > MAX_FILES_PER_INSTANCE) {
            throw malformed(dir + " has more than " + MAX_FILES_PER_INSTANCE + " files");
        }
        for (Path file : files) {
            Path metadataFile = file.resolveSibling(file.getFileName() + METADATA_SUFFIX);
            if (!Files.isRegularFile(metadataFile)) {
                throw malformed(file + " has no " + metadataFile.getFileName() + " beside it");
            }
            ContentMetadata metadata = withContext(metadataFile,
                    () -> ContentMetadata.parse(read(metadataFile, ContentMetadata.MAX_SIZE)));
            Optional<String> contentId = metadata.contentIdentifier()
                    .or(() -> Optional.ofNullable(DEFAULT_FILE_NAMES.get(file.getFileName().toString())));
            String id = contentId.orElse("");
            int version = metadata.version();
            switch (id) {
                case ContentPart.PRIVATE_PARAMETERS -> privateParameters = Optional.of(withContext(file,
                        () -> PrivateParameters.parse(read(file, PrivateParameters.MAX_SIZE), version)));
                case ContentPart.SHARED_PARAMETERS -> {
                    SharedParameters shared = withContext(file,
                            () -> SharedParameters.parse(read(file, SharedParameters.MAX_SIZE), version));
                    if (!shared.instanceIdentifier().equals(instance)) {
                        throw malformed(file + " describes instance " + shared.instanceIdentifier()
                                + " but is stored under " + instance);
                    }
                    sharedParameters = Optional.of(shared);
                }
                case ContentPart.MONITORING -> monitoring = Optional.of(withContext(file,
                        () -> MonitoringParameters.parse(read(file, MonitoringParameters.MAX_SIZE))));
                case ContentPart.FETCH_INTERVAL -> fetchInterval = Optional.of(withContext(file,
                        () -> OcspFetchInterval.parse(read(file, MonitoringParameters.MAX_SIZE))));
                case ContentPart.NEXT_UPDATE -> nextUpdate = Optional.of(withContext(file,
                        () -> OcspNextUpdate.parse(read(file, MonitoringParameters.MAX_SIZE))));
                default -> { } // other parts are kept as files; clients may ignore unknown content
            }
            parts.add(new StoredPart(file, contentId, metadata));
        }
        return new StoredInstance(instance, privateParameters, sharedParameters, monitoring, fetchInterval,
                nextUpdate, parts);
    }

    private interface Loader<T> {
        T load();
    }

    /** Runs {@code loader}, prefixing any error with the file it concerns. */
    private static <T> T withContext(Path file, Loader<T> loader) {
        try {
            return loader.load();
        } catch (XRoadException e) {
            throw new XRoadException(e.code(), file + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw malformed("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static byte[] read(Path file, int maxSize) {
        try {
            if (Files.size(file) > maxSize) {
                throw malformed(file + " is larger than " + maxSize + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw malformed("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static XRoadException malformed(String message) {
        return new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, message);
    }
}
