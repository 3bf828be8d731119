package org.sild.core.management;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.management.ManagementRequest.AddressChange;
import org.sild.core.management.ManagementRequest.AuthCertDeletion;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientDeletion;
import org.sild.core.management.ManagementRequest.ClientDisable;
import org.sild.core.management.ManagementRequest.ClientEnable;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.management.ManagementRequest.ClientRename;
import org.sild.core.management.ManagementRequest.MaintenanceModeDisable;
import org.sild.core.management.ManagementRequest.MaintenanceModeEnable;
import org.sild.core.management.ManagementRequest.OwnerChange;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspTrust;
import org.sild.core.pki.TrustedCa;
import org.sild.core.signature.CertificateProfiles;
import org.sild.core.signature.SigningKey;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestPki;

/** A small instance for management request tests: an owner with a server, a client member, a real PKI. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-06-02T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final TestPki PKI = TestPki.builder().clock(CLOCK).build();

    static final MemberId OWNER = new MemberId("EE", "GOV", "TS1OWNER");
    static final SecurityServerId SERVER = new SecurityServerId(OWNER, "TS1");
    static final MemberId CLIENT_MEMBER = new MemberId("EE", "COM", "client");
    static final SubsystemId SUBSYSTEM = CLIENT_MEMBER.subsystem("subsystem");
    static final MemberId NEW_OWNER = new MemberId("EE", "COM", "MACK");
    static final ClientId PROVIDER = new MemberId("EE", "GOV", "CS").subsystem("MANAGEMENT");
    static final String ID = "8770348d-c5f1-4f23-989e-7dd91fb59eff";

    static final IssuedCert AUTH = PKI.authCert("TS1");
    static final IssuedCert OWNER_SIGNING = PKI.signingCert("GOV", "TS1OWNER");
    static final IssuedCert CLIENT_SIGNING = PKI.signingCert("COM", "client");
    static final IssuedCert NEW_OWNER_SIGNING = PKI.signingCert("COM", "MACK");
    private static final Map<MemberId, IssuedCert> SIGNERS = Map.of(OWNER, OWNER_SIGNING,
            CLIENT_MEMBER, CLIENT_SIGNING, NEW_OWNER, NEW_OWNER_SIGNING);

    private Fixtures() {
    }

    /** One request of every type, with every optional field present. */
    static List<ManagementRequest> everyRequest() {
        return List.of(
                new AuthCertReg(SERVER, Optional.of("192.168.74.202"), AUTH.certificate(), Optional.of(true)),
                new AuthCertDeletion(SERVER, AUTH.certificate()),
                new ClientReg(SERVER, SUBSYSTEM, Optional.of("subsystem name")),
                new ClientDeletion(SERVER, SUBSYSTEM),
                new OwnerChange(SERVER, NEW_OWNER),
                new AddressChange(SERVER, "security-server.example.org"),
                new ClientEnable(SERVER, SUBSYSTEM),
                new ClientDisable(SERVER, SUBSYSTEM),
                new ClientRename(SERVER, SUBSYSTEM, "SUBSYSTEM Name"),
                new MaintenanceModeEnable(SERVER, Optional.of("Will end at 2016-01-01T00:00:00.000+02:00")),
                new MaintenanceModeDisable(SERVER));
    }

    static ManagementMessage message(ManagementRequest request) {
        return ManagementMessage.create(PROVIDER, ID, request);
    }

    /** {@code request} signed as a security server signs it: by the member it requires, good OCSP now. */
    static ManagementPackage signedPackage(ManagementRequest request) {
        ManagementMessage message = message(request);
        if (!request.type().isSigned()) {
            return ManagementPackage.unsigned(message);
        }
        MemberSignature member = sign(message, SIGNERS.get(request.requiredSigner().orElseThrow()));
        if (request.type().hasAuthSignature()) {
            return ManagementPackage.authCertReg(message, SigningKey.software(AUTH.privateKey()), member);
        }
        return ManagementPackage.signed(message, member);
    }

    static MemberSignature sign(ManagementMessage message, IssuedCert signer) {
        return MemberSignature.sign(message, SigningKey.software(signer.privateKey()), signer.certificate(),
                goodOcsp(signer));
    }

    static OcspResponse goodOcsp(IssuedCert cert) {
        return OcspResponse.parse(PKI.ocsp(cert.certificate()).build());
    }

    static ManagementRequestVerifier.Builder verifier() {
        return ManagementRequestVerifier.builder()
                .instance("EE")
                .managementServiceProvider(PROVIDER)
                .trustAnchors(List.of(PKI.root().certificate()))
                .ocspTrust(OcspTrust.of(List.of(TrustedCa.of(PKI.root().certificate()),
                        TrustedCa.of(PKI.intermediate().certificate()))))
                .profiles(cert -> Optional.of(CertificateProfiles.ejbca()))
                .clock(CLOCK);
    }

    static void assertFault(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOf(XRoadException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((XRoadException) e).code())
                        .as("fault code of: %s", e.getMessage()).isEqualTo(FaultCode.of(code)));
    }
}
