package org.sild.securityserver.globalconf;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.confsource.ServerEntry;
import org.sild.testing.KeyType;
import org.sild.testing.SubjectNames;
import org.sild.testing.TestCa;
import org.sild.testing.TestPki;

/** Instances, keys and sources shared by the global configuration tests. */
public final class Fixtures {

    public static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    public static final String EJBCA_PROFILE = "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";

    public static final TestPki PKI = TestPki.builder().name("Sild Globalconf").instance("DEV")
            .clock(Clock.fixed(START, ZoneOffset.UTC)).build();
    /** The central server's internal signing key (self-signed, as X-Road's are). */
    public static final TestCa INTERNAL_KEY = signingKey("internalSigningKey");
    /** A second internal signing key, for rotation. */
    public static final TestCa ROTATED_KEY = signingKey("rotatedSigningKey");
    /** The central server's external signing key. */
    public static final TestCa EXTERNAL_KEY = signingKey("externalSigningKey");

    public static final MemberId PORTAL = new MemberId("DEV", "GOV", "70000003");
    public static final MemberId REGISTRY = new MemberId("DEV", "GOV", "70000001");
    public static final MemberId PHARMACY = new MemberId("DEV", "COM", "10000001");

    private Fixtures() {
    }

    public static TestCa signingKey(String name) {
        return TestCa.root(SubjectNames.commonName(name, "Sild Test CS"), KeyType.RSA_2048, "globalconf/" + name,
                Clock.fixed(START, ZoneOffset.UTC));
    }

    /** Instance DEV: two member classes, three members, two security servers, the test PKI's CA and TSA. */
    public static InstanceDescription dev() {
        return InstanceDescription.builder("DEV")
                .memberClass("GOV", "Governmental organisations")
                .memberClass("COM", "Commercial organisations")
                .member(PORTAL, "State Portal", "portal")
                .member(REGISTRY, "Population Register", "registry")
                .member(PHARMACY, "Pharmacy", "pos")
                .securityServer(ServerEntry.of(new SecurityServerId(PORTAL, "ss1"), "127.0.0.1",
                        PKI.authCert(SubjectNames.commonName("ss1", "DEV")).certificate(), PORTAL.subsystem("portal"), PHARMACY.subsystem("pos")))
                .securityServer(ServerEntry.of(new SecurityServerId(REGISTRY, "ss2"), "127.0.0.2",
                        PKI.authCert(SubjectNames.commonName("ss2", "DEV")).certificate(), REGISTRY.subsystem("registry")))
                .approvedCa("Sild Test CA", PKI.root().certificate(), "http://127.0.0.1:8888/ocsp", EJBCA_PROFILE)
                .approvedTsa("Sild Test TSA", "http://127.0.0.1:8899/", PKI.tsa().certificate())
                .globalGroup("security-server-owners", "Security server owners", PORTAL, REGISTRY)
                .managementService("https://127.0.0.1:4001/managementservice/", PORTAL.subsystem("management"))
                .build();
    }

    /** A source for {@code description} at {@code address}, signed with {@link #INTERNAL_KEY}. */
    public static ConfigurationSource.Builder source(String address, InstanceDescription description, Clock clock) {
        return ConfigurationSource.builder().address(address).description(description)
                .signingKey(INTERNAL_KEY.privateKey(), INTERNAL_KEY.certificate())
                .externalSigningKey(EXTERNAL_KEY.privateKey(), EXTERNAL_KEY.certificate())
                .clock(clock).random(new Random(7));
    }
}
