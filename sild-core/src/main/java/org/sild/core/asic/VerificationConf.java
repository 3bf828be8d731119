package org.sild.core.asic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.ContentMetadata;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.OcspNextUpdate;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.globalconf.StoredInstance;
import org.sild.core.globalconf.StoredPart;
import org.sild.core.pki.OcspTrust;

/**
 * The trust base for verifying evidence: the shared parameters of every instance (approved CAs with their
 * OCSP responders and certificate profiles, approved TSAs, OCSP freshness), as X-Road's verification
 * configuration holds them (digest 05 §4, §5).
 *
 * <p>Loaded from a {@code verificationconf.zip} as the security server's {@code /verificationconf} serves
 * it, or from a global configuration directory as a security server stores it. {@link #zip} writes the
 * former. Immutable and thread-safe.
 */
public final class VerificationConf {

    /** The folder all entries of {@code verificationconf.zip} live in. */
    public static final String ZIP_ROOT = "verificationconf/";

    private static final String SHARED_PARAMS = "shared-params.xml";
    private static final Pattern ZIP_PART = Pattern.compile("verificationconf/([^/]{1,255})/shared-params\\.xml");
    private static final AsicLimits ZIP_LIMITS = new AsicLimits(2000, SharedParameters.MAX_SIZE, 256L << 20);

    private final Map<String, SharedParametersIndex> instances;
    private final OcspNextUpdate nextUpdate;

    private VerificationConf(Map<String, SharedParametersIndex> instances, OcspNextUpdate nextUpdate) {
        if (instances.isEmpty()) {
            throw malformed("the verification configuration holds no instance's shared parameters");
        }
        this.instances = Map.copyOf(instances);
        this.nextUpdate = nextUpdate;
    }

    /** A trust base over these shared parameters. */
    public static VerificationConf of(List<SharedParameters> parameters) {
        var map = new TreeMap<String, SharedParametersIndex>();
        parameters.forEach(p -> map.put(p.instanceIdentifier(), new SharedParametersIndex(p)));
        return new VerificationConf(map, OcspNextUpdate.defaults());
    }

    /** The trust base of a stored global configuration: every instance's shared parameters. */
    public static VerificationConf of(StoredGlobalConf conf) {
        var map = new TreeMap<String, SharedParametersIndex>();
        conf.allSharedParameters().forEach(p -> map.put(p.instanceIdentifier(), new SharedParametersIndex(p)));
        return new VerificationConf(map, conf.ocspNextUpdate());
    }

    /**
     * Loads {@code path}: a global configuration directory, or a {@code verificationconf.zip}.
     *
     * @throws XRoadException {@code MalformedGlobalConf} naming what is wrong
     */
    public static VerificationConf load(Path path) {
        if (Files.isDirectory(path)) {
            return of(StoredGlobalConf.load(path));
        }
        try (InputStream in = Files.newInputStream(path)) {
            return fromZip(in);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a {@code verificationconf.zip}. */
    public static VerificationConf fromZip(InputStream zip) {
        Map<String, byte[]> files = new HashMap<>();
        ZipEntries.read(zip, ZIP_LIMITS, "verification configuration", ErrorCode.MALFORMED_GLOBAL_CONF,
                e -> files.put(e.name(), e.data()));
        if (!files.containsKey(ZIP_ROOT + StoredGlobalConf.INSTANCE_IDENTIFIER_FILE)) {
            throw malformed("verification configuration has no " + ZIP_ROOT + StoredGlobalConf.INSTANCE_IDENTIFIER_FILE);
        }
        var params = new ArrayList<SharedParameters>();
        for (var e : files.entrySet()) {
            var m = ZIP_PART.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            byte[] meta = files.get(e.getKey() + StoredGlobalConf.METADATA_SUFFIX);
            int version = meta == null ? 2 : ContentMetadata.parse(meta).version();
            SharedParameters p = SharedParameters.parse(e.getValue(), version);
            if (!p.instanceIdentifier().equals(m.group(1))) {
                throw malformed(e.getKey() + " holds the shared parameters of " + p.instanceIdentifier());
            }
            params.add(p);
        }
        return of(params);
    }

    /**
     * The {@code verificationconf.zip} for a stored global configuration: {@code verificationconf/instance-identifier}
     * (the own instance) and, for every instance with shared parameters, {@code verificationconf/{INST}/shared-params.xml}
     * as stored with a {@code .metadata} that keeps only {@code configurationVersion}.
     */
    public static byte[] zip(StoredGlobalConf conf) {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            put(zip, ZIP_ROOT + StoredGlobalConf.INSTANCE_IDENTIFIER_FILE,
                    conf.ownInstance().getBytes(StandardCharsets.UTF_8));
            for (StoredInstance instance : new TreeMap<>(conf.instances()).values()) {
                Optional<StoredPart> part = instance.part(ContentPart.SHARED_PARAMETERS);
                if (part.isEmpty()) {
                    continue;
                }
                String dir = ZIP_ROOT + instance.instanceIdentifier() + "/";
                put(zip, dir + SHARED_PARAMS, Files.readAllBytes(part.get().file()));
                var meta = new ContentMetadata(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), part.get().metadata().configurationVersion());
                put(zip, dir + SHARED_PARAMS + StoredGlobalConf.METADATA_SUFFIX, meta.toJson());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write verificationconf.zip", e);
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    /** The instances this trust base covers. */
    public List<String> instances() {
        return new ArrayList<>(new TreeMap<>(instances).keySet());
    }

    /** The indexed shared parameters of {@code instance}. */
    public Optional<SharedParametersIndex> instance(String instance) {
        return Optional.ofNullable(instances.get(instance));
    }

    /** What OCSP responses for {@code instance}'s certificates are checked against. */
    public Optional<OcspTrust> ocspTrust(String instance) {
        return instance(instance).map(i -> i.ocspTrust(nextUpdate));
    }

    /** Every approved TSA of every instance. */
    public List<ApprovedTsa> approvedTsas() {
        return new TreeMap<>(instances).values().stream().flatMap(i -> i.approvedTsas().stream()).toList();
    }

    /** The certificates of every approved TSA. */
    public List<X509Certificate> tsaCertificates() {
        return approvedTsas().stream().map(ApprovedTsa::cert).toList();
    }

    /** The certificate profile class name for a signing certificate, from the instance that approved its CA. */
    public Optional<String> certificateProfileInfo(X509Certificate certificate) {
        return new TreeMap<>(instances).values().stream().map(i -> i.certificateProfileInfo(certificate))
                .flatMap(Optional::stream).findFirst();
    }

    static XRoadException malformed(String message) {
        return new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, message);
    }

}
