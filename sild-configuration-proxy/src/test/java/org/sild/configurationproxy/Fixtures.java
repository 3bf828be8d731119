package org.sild.configurationproxy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.OcspFetchInterval;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.confsource.ServerEntry;
import org.sild.testing.KeyType;
import org.sild.testing.SubjectNames;
import org.sild.testing.TestCa;
import org.sild.testing.TestPki;

/** Instances and source keys shared by the configuration proxy tests. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final String EJBCA_PROFILE = "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";
    static final TestPki PKI = TestPki.builder().name("Sild Confproxy").instance("DEV")
            .clock(Clock.fixed(START, ZoneOffset.UTC)).build();
    /** The DEV central server's internal signing key. */
    static final TestCa DEV_KEY = signingKey("devSigningKey");
    /** The key DEV's central server rotates to. */
    static final TestCa DEV_ROTATED_KEY = signingKey("devRotatedKey");
    /** The FED central server's signing key. */
    static final TestCa FED_KEY = signingKey("fedSigningKey");
    /** A key nobody's anchor lists. */
    static final TestCa STRANGER_KEY = signingKey("strangerKey");

    static final MemberId PORTAL = new MemberId("DEV", "GOV", "70000003");
    static final MemberId REGISTRY = new MemberId("DEV", "GOV", "70000001");
    static final MemberId FED_AGENCY = new MemberId("FED", "GOV", "80000001");

    private Fixtures() {
    }

    static TestCa signingKey(String name) {
        return TestCa.root(SubjectNames.commonName(name, "Sild Test CS"), KeyType.RSA_2048, "confproxy/" + name,
                Clock.fixed(START, ZoneOffset.UTC));
    }

    /** Instance DEV: two members, a security server, the test PKI's CA and TSA, an OCSP fetch interval part. */
    static InstanceDescription dev() {
        return InstanceDescription.builder("DEV")
                .memberClass("GOV", "Governmental organisations")
                .member(PORTAL, "State Portal", "portal")
                .member(REGISTRY, "Population Register", "registry")
                .securityServer(ServerEntry.of(new SecurityServerId(PORTAL, "ss1"), "127.0.0.1",
                        PKI.authCert(SubjectNames.commonName("ss1", "DEV")).certificate(), PORTAL.subsystem("portal")))
                .approvedCa("Sild Test CA", PKI.root().certificate(), "http://127.0.0.1:8888/ocsp", EJBCA_PROFILE)
                .approvedTsa("Sild Test TSA", "http://127.0.0.1:8899/", PKI.tsa().certificate())
                .globalGroup("security-server-owners", "Security server owners", PORTAL)
                .managementService("https://127.0.0.1:4001/managementservice/", PORTAL.subsystem("management"))
                .optionalPart(ContentPart.FETCH_INTERVAL, "fetchinterval-params.xml",
                        new OcspFetchInterval(600).toXml())
                .build();
    }

    /** Instance FED: one member. */
    static InstanceDescription fed() {
        return InstanceDescription.builder("FED")
                .memberClass("GOV", "Governmental organisations")
                .member(FED_AGENCY, "Federated Agency", "demo")
                .approvedCa("Sild Test CA", PKI.root().certificate(), "http://127.0.0.1:8888/ocsp", EJBCA_PROFILE)
                .managementService("https://127.0.0.1:4001/managementservice/", FED_AGENCY.subsystem("management"))
                .build();
    }
}
