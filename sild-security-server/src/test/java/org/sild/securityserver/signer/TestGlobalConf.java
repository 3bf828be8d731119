package org.sild.securityserver.signer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.GlobalSettings;
import org.sild.core.globalconf.OcspFetchInterval;
import org.sild.core.globalconf.OcspNextUpdate;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.globalconf.StoredInstance;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.testing.TestPki;

/**
 * A global configuration provider for tests: the test PKI's root and intermediate CA approved (EJBCA
 * profile) with OCSP responders at the given URLs, built with core's shared parameters and stored
 * configuration types (the same parse path a real configuration takes). Replaceable at run time.
 */
final class TestGlobalConf implements GlobalConfProvider {

    static final String EJBCA = "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";

    private volatile GlobalConf current;

    TestGlobalConf(GlobalConf conf) {
        this.current = conf;
    }

    void set(GlobalConf conf) {
        this.current = conf;
    }

    @Override
    public GlobalConf current(Instant now) {
        return current;
    }

    /** A configuration approving {@code pki}'s CAs with responders at {@code urls}. */
    static GlobalConf of(TestPki pki, List<String> urls, int freshnessSeconds, Optional<Integer> fetchInterval,
                         boolean verifyNextUpdate) {
        List<ApprovedCa.OcspResponder> responders = urls.stream()
                .map(u -> new ApprovedCa.OcspResponder(u, Optional.empty(), Optional.empty())).toList();
        var ca = new ApprovedCa("Test CA", Optional.empty(),
                new ApprovedCa.CaInfo(pki.root().certificate(), responders),
                List.of(new ApprovedCa.CaInfo(pki.intermediate().certificate(), responders)), EJBCA,
                Optional.empty(), Optional.empty());
        SharedParameters built = SharedParameters.builder(pki.instance()).approvedCa(ca)
                .globalSettings(new GlobalSettings(List.of(), freshnessSeconds)).build();
        SharedParameters shared = SharedParameters.parse(built.toXml(), built.version());
        var instance = new StoredInstance(pki.instance(), Optional.empty(), Optional.of(shared), Optional.empty(),
                fetchInterval.map(OcspFetchInterval::new), Optional.of(new OcspNextUpdate(verifyNextUpdate)), List.of());
        return new GlobalConf(new StoredGlobalConf(pki.instance(), Map.of(pki.instance(), instance)));
    }
}
