package org.sild.centralserver.management;

import java.time.Clock;
import java.util.List;
import org.sild.centralserver.registry.RegisteredCa;
import org.sild.centralserver.registry.Registry;
import org.sild.centralserver.registry.Settings;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.GlobalSettings;
import org.sild.core.globalconf.OcspNextUpdate;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.id.ClientId;
import org.sild.core.management.ManagementRequestVerifier;
import org.sild.core.signature.CertificateProfiles;

/**
 * The management request verifier of the registry's current trust: the approved CAs with their
 * intermediates, OCSP responders and certificate profiles, the OCSP freshness and the management
 * service provider, indexed as security servers index the shared parameters the registry
 * publishes. Rebuilt whenever the registry's change counter moves. Thread-safe.
 */
final class RegistryTrust {

    /** A verifier and the registry version it was built from. */
    private record Built(long version, ManagementRequestVerifier verifier) {
    }

    private final Registry registry;
    private final Clock clock;
    private volatile Built built;

    RegistryTrust(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * The verifier for the registry as it is now.
     *
     * @throws XRoadException {@code InternalError} while no management service provider is set
     */
    ManagementRequestVerifier verifier() {
        long version = registry.version();
        Built current = built;
        if (current != null && current.version() == version) {
            return current.verifier();
        }
        Settings settings = registry.settings();
        ClientId provider = settings.managementServiceProvider().orElseThrow(() -> new XRoadException(
                ErrorCode.INTERNAL_ERROR, "the central server has no management service provider configured"
                        + " (setting managementServiceProvider)"));
        List<RegisteredCa> cas = registry.trustServices().cas();
        var shared = SharedParameters.builder(registry.instance())
                .globalSettings(new GlobalSettings(List.of(), settings.ocspFreshnessSeconds()));
        cas.forEach(ca -> shared.approvedCa(ca.ca()));
        var index = new SharedParametersIndex(shared.build());
        ManagementRequestVerifier verifier = ManagementRequestVerifier.builder().instance(registry.instance())
                .managementServiceProvider(provider)
                .trustAnchors(index.trustAnchors(true))
                .ocspTrust(index.ocspTrust(OcspNextUpdate.defaults()))
                .profiles(cert -> index.certificateProfileInfo(cert).flatMap(CertificateProfiles.standard()::byClassName))
                .clock(clock)
                .build();
        built = new Built(version, verifier);
        return verifier;
    }
}
