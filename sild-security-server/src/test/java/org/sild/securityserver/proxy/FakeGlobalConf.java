package org.sild.securityserver.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ContentMetadata;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.ManagementService;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.id.MemberId;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;

/**
 * Global configuration as the configuration client would leave it: {@link #publish} writes a
 * stored tree (instance identifier, private and shared parameters with their {@code .metadata}) and
 * loads it with {@link StoredGlobalConf}. Thread-safe.
 */
public final class FakeGlobalConf implements GlobalConfProvider {

    private final Path dir;
    private volatile GlobalConf current;

    public FakeGlobalConf(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code shared} (the own instance's) expiring at {@code expires}, and switches to it. */
    public synchronized void publish(SharedParameters shared, Instant expires) {
        String instance = shared.instanceIdentifier();
        try {
            Files.createDirectories(dir.resolve(instance));
            Files.writeString(dir.resolve(StoredGlobalConf.INSTANCE_IDENTIFIER_FILE), instance);
            var managementService = new ManagementService("https://cs.example:4001/managementservice/",
                    Optional.empty(), new MemberId(instance, "GOV", "0").subsystem("MANAGEMENT"));
            write(instance, "private-params.xml", ContentPart.PRIVATE_PARAMETERS, expires,
                    new PrivateParameters(3, instance, List.of(), managementService, 60).toXml());
            write(instance, "shared-params.xml", ContentPart.SHARED_PARAMETERS, expires, shared.toXml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        current = new GlobalConf(StoredGlobalConf.load(dir));
    }

    @Override
    public GlobalConf current(Instant now) {
        GlobalConf conf = current;
        if (conf == null) {
            throw new XRoadException(ErrorCode.OUTDATED_GLOBAL_CONF, "no global configuration yet");
        }
        conf.checkValid(now);
        return conf;
    }

    private void write(String instance, String file, String contentId, Instant expires, byte[] content)
            throws IOException {
        Files.write(dir.resolve(instance).resolve(file), content);
        var metadata = new ContentMetadata(Optional.of(contentId), Optional.of(instance), Optional.of(file),
                Optional.of("http://cs.example/" + file), Optional.of(expires), Optional.of(6));
        Files.write(dir.resolve(instance).resolve(file + StoredGlobalConf.METADATA_SUFFIX), metadata.toJson());
    }
}
