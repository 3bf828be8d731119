package org.sild.centralserver;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.sild.centralserver.registry.Registry;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationSource;
import org.sild.core.globalconf.EncodedCertificate;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.runtime.store.Store;
import org.sild.runtime.store.StoreConfig;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;
import org.sild.testing.TestPki;

/** The test instance DEV: a PKI, members, a registry in a fresh store on H2 or PostgreSQL. */
public final class Fixtures {

    public static final String EJBCA = "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";
    public static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    public static final TestPki PKI = TestPki.builder().name("Sild CS Test").build();
    public static final MemberId REGISTRY = new MemberId("DEV", "GOV", "70000001");
    public static final MemberId PORTAL = new MemberId("DEV", "GOV", "70000003");
    public static final MemberId PHARMACY = new MemberId("DEV", "COM", "80000001");
    public static final SubsystemId MANAGEMENT = REGISTRY.subsystem("management");
    public static final SecurityServerId SS1 = new SecurityServerId(REGISTRY, "ss1");
    public static final SecurityServerId SS2 = new SecurityServerId(PHARMACY, "ss2");

    private Fixtures() {
    }

    /** The test PKI's root and intermediate as one approved CA with an OCSP responder. */
    public static ApprovedCa approvedCa() {
        var responder = new ApprovedCa.OcspResponder("http://127.0.0.1:8888/ocsp",
                Optional.of(PKI.ocspResponder().certificate()), Optional.empty());
        return new ApprovedCa("Sild CS Test CA", Optional.of(false),
                new ApprovedCa.CaInfo(PKI.root().certificate(), java.util.List.of()),
                java.util.List.of(new ApprovedCa.CaInfo(PKI.intermediate().certificate(), java.util.List.of(responder))),
                EJBCA, Optional.empty(), Optional.empty());
    }

    public static ApprovedTsa approvedTsa() {
        return new ApprovedTsa("Sild CS Test TSA", "http://127.0.0.1:8899/tsa", PKI.tsa().certificate(), Optional.empty());
    }

    /** An authentication certificate of the test PKI with subject {@code CN=serverCode}. */
    public static IssuedCert authCert(String serverCode) {
        return PKI.issue(PKI.authSpec(new X500Principal("CN=" + serverCode)).build());
    }

    /** A registry in a fresh store of {@code kind}; closing drops it. */
    public static Db open(TestDatabases kind, Clock clock) {
        TestDatabase db = kind.open();
        Store store = Store.builder().name("cs-test").config(StoreConfig.of(db.url(), db.user(), db.password()))
                .migrations("db/centralserver").open();
        return new Db(db, store, Registry.open(store, "DEV", clock));
    }

    /**
     * Member classes GOV and COM, members REGISTRY, PORTAL, PHARMACY, the management subsystem, CA, TSA,
     * settings (the registration address only where none is set).
     */
    public static Registry populate(Registry r) {
        r.members().addMemberClass("GOV", "Governmental organisations");
        r.members().addMemberClass("COM", "Commercial organisations");
        r.members().add(REGISTRY, "Population Registry");
        r.members().add(PORTAL, "State Portal");
        r.members().add(PHARMACY, "Pharmacy");
        r.members().addSubsystem(MANAGEMENT, Optional.of("Management services"));
        r.trustServices().addCa(approvedCa());
        r.trustServices().addTsa(approvedTsa());
        r.changeSettings(s -> s.authCertRegServiceAddress().isPresent() ? s.withManagementServiceProvider(MANAGEMENT)
                : s.withManagementServiceProvider(MANAGEMENT)
                        .withAuthCertRegServiceAddress("https://127.0.0.1:4001/managementservice/"));
        return r;
    }

    /** An external anchor of {@code instance} (a federation partner) with a test certificate. */
    public static ConfigurationAnchor anchor(String instance) {
        return new ConfigurationAnchor(Optional.of(START), instance, java.util.List.of(new ConfigurationSource(
                "http://" + instance.toLowerCase(java.util.Locale.ROOT) + ".example/externalconf",
                java.util.List.of(EncodedCertificate.of(PKI.tsa().certificate())))));
    }

    /** A test database, its store and the registry in it. */
    public record Db(TestDatabase database, Store store, Registry registry) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            database.close();
        }
    }
}
