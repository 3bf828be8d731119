package org.sild.securityserver.globalconf;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.id.ClientId;
import org.sild.core.pki.OcspTrust;

/**
 * One verified global configuration as a security server uses it: the stored tree the
 * configuration client wrote, with an index over every instance's shared parameters.
 *
 * <p>Immutable and thread-safe; the configuration client replaces the whole object when a new
 * configuration has been downloaded and verified, so readers always see one consistent version.
 */
public final class GlobalConf {

    private final StoredGlobalConf stored;
    private final Map<String, SharedParametersIndex> indexes = new HashMap<>();

    public GlobalConf(StoredGlobalConf stored) {
        this.stored = stored;
        stored.allSharedParameters().forEach(p -> indexes.put(p.instanceIdentifier(), new SharedParametersIndex(p)));
        if (!indexes.containsKey(stored.ownInstance())) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                    "global configuration has no shared parameters for the own instance " + stored.ownInstance());
        }
    }

    /** The stored tree. */
    public StoredGlobalConf stored() {
        return stored;
    }

    /** The own instance's identifier. */
    public String instance() {
        return stored.ownInstance();
    }

    /** The own instance's shared parameters. */
    public SharedParametersIndex own() {
        return indexes.get(stored.ownInstance());
    }

    /** The shared parameters of {@code instance} (own or federated), if present. */
    public Optional<SharedParametersIndex> instance(String instance) {
        return Optional.ofNullable(indexes.get(instance));
    }

    /** The shared parameters of the instance {@code client} belongs to, if present. */
    public Optional<SharedParametersIndex> instanceOf(ClientId client) {
        return instance(client.instance());
    }

    /**
     * Checks that this configuration may be used at {@code now}.
     *
     * @throws XRoadException {@code OutdatedGlobalConf} when the own instance's parameters expired
     */
    public void checkValid(Instant now) {
        stored.checkValid(now);
    }

    /** The OCSP trust of {@code instance}: its approved CAs, responders, freshness and NEXTUPDATE setting. */
    public OcspTrust ocspTrust(String instance) {
        return instance(instance).orElseThrow(() -> new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                "no shared parameters for instance " + instance)).ocspTrust(stored.ocspNextUpdate());
    }

    /** All indexed instances, own first. */
    public List<SharedParametersIndex> instances() {
        return stored.allSharedParameters().stream().map(p -> indexes.get(p.instanceIdentifier())).toList();
    }
}
