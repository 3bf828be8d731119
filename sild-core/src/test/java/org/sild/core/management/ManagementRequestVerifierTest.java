package org.sild.core.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.management.Fixtures.AUTH;
import static org.sild.core.management.Fixtures.CLIENT_MEMBER;
import static org.sild.core.management.Fixtures.CLIENT_SIGNING;
import static org.sild.core.management.Fixtures.CLOCK;
import static org.sild.core.management.Fixtures.NEW_OWNER;
import static org.sild.core.management.Fixtures.NEW_OWNER_SIGNING;
import static org.sild.core.management.Fixtures.NOW;
import static org.sild.core.management.Fixtures.OWNER;
import static org.sild.core.management.Fixtures.OWNER_SIGNING;
import static org.sild.core.management.Fixtures.PKI;
import static org.sild.core.management.Fixtures.PROVIDER;
import static org.sild.core.management.Fixtures.SERVER;
import static org.sild.core.management.Fixtures.SUBSYSTEM;
import static org.sild.core.management.Fixtures.assertFault;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.management.ManagementRequest.AddressChange;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientDeletion;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.management.ManagementRequest.ClientRename;
import org.sild.core.management.ManagementRequest.MaintenanceModeDisable;
import org.sild.core.management.ManagementRequest.OwnerChange;
import org.sild.core.pki.OcspResponse;
import org.sild.core.signature.SigningKey;
import org.sild.testing.IssuedCert;
import org.sild.testing.KeyUsage;
import org.sild.testing.SubjectNames;
import org.sild.testing.TestPki;

class ManagementRequestVerifierTest {

    private static final ManagementRequestVerifier VERIFIER = Fixtures.verifier().build();

    static Stream<ManagementRequest> everyRequest() {
        return Fixtures.everyRequest().stream();
    }

    @ParameterizedTest
    @MethodSource("everyRequest")
    void everyRequestSignedAsTheProtocolSaysVerifies(ManagementRequest request) {
        ManagementPackage pkg = Fixtures.signedPackage(request);

        assertThat(VERIFIER.verify(pkg).request()).isEqualTo(request);
    }

    @Test
    void theSignerMustBeTheMemberTheRequestNeeds() {
        // The server owner signs for a subsystem of another member.
        ManagementMessage clientReg = Fixtures.message(new ClientReg(SERVER, SUBSYSTEM, Optional.empty()));
        // The old owner signs the owner change instead of the new one.
        ManagementMessage ownerChange = Fixtures.message(new OwnerChange(SERVER, NEW_OWNER));
        // The client signs a server-level request.
        ManagementMessage address = Fixtures.message(new AddressChange(SERVER, "ss1.example.org"));

        assertFault(() -> VERIFIER.verify(ManagementPackage.signed(clientReg, Fixtures.sign(clientReg, OWNER_SIGNING))),
                ErrorCode.INVALID_REQUEST);
        assertFault(() -> VERIFIER.verify(ManagementPackage.signed(ownerChange,
                Fixtures.sign(ownerChange, OWNER_SIGNING))), ErrorCode.INVALID_REQUEST);
        assertFault(() -> VERIFIER.verify(ManagementPackage.signed(address, Fixtures.sign(address, CLIENT_SIGNING))),
                ErrorCode.INVALID_REQUEST);
        VERIFIER.verify(ManagementPackage.signed(ownerChange, Fixtures.sign(ownerChange, NEW_OWNER_SIGNING)));
    }

    @Test
    void aSignatureOverOtherBytesOrWithAnotherKeyIsInvalid() {
        ManagementMessage message = Fixtures.message(new ClientReg(SERVER, SUBSYSTEM, Optional.empty()));
        ManagementMessage other = Fixtures.message(new ClientReg(SERVER, SUBSYSTEM, Optional.of("renamed")));
        MemberSignature good = Fixtures.sign(message, CLIENT_SIGNING);
        var overOther = new MemberSignature(Fixtures.sign(other, CLIENT_SIGNING).signature(), good.certificate(),
                good.ocspResponse());
        var otherKey = new MemberSignature(new RequestSignature(SignatureAlgorithm.RSA_SHA512,
                SigningKey.software(OWNER_SIGNING.privateKey()).sign(SignatureAlgorithm.RSA_SHA512, message.bytes())),
                good.certificate(), good.ocspResponse());

        assertFault(() -> VERIFIER.verify(ManagementPackage.signed(message, overOther)), ErrorCode.INVALID_SIGNATURE_VALUE);
        assertFault(() -> VERIFIER.verify(ManagementPackage.signed(message, otherKey)), ErrorCode.INVALID_SIGNATURE_VALUE);
    }

    @Test
    void pssSignaturesVerify() {
        ManagementMessage message = Fixtures.message(new ClientReg(SERVER, SUBSYSTEM, Optional.empty()));
        var pss = new MemberSignature(new RequestSignature(SignatureAlgorithm.RSA_PSS_SHA256,
                SigningKey.software(CLIENT_SIGNING.privateKey()).sign(SignatureAlgorithm.RSA_PSS_SHA256, message.bytes())),
                CLIENT_SIGNING.certificate(), Fixtures.goodOcsp(CLIENT_SIGNING));

        VERIFIER.verify(ManagementPackage.signed(message, pss));
        assertThat(pss.signature().algorithmId()).isEqualTo("SHA256withRSAandMGF1");
    }

    @Test
    void theSigningCertificateMustBeGoodFreshFromAnApprovedCaAndForSigning() {
        ManagementMessage message = Fixtures.message(new MaintenanceModeDisable(SERVER));
        TestPki unknown = TestPki.builder().name("Unknown CA").clock(CLOCK).build();
        IssuedCert foreign = unknown.signingCert("GOV", "TS1OWNER");
        IssuedCert expired = PKI.issue(PKI.signingSpec(SubjectNames.ejbcaSigning("EE", "GOV", "TS1OWNER"))
                .expiredAt(NOW).build());
        IssuedCert notForSigning = PKI.issue(PKI.signingSpec(SubjectNames.ejbcaSigning("EE", "GOV", "TS1OWNER"))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE).build());

        assertFault(() -> VERIFIER.verify(signed(message, OWNER_SIGNING,
                PKI.ocsp(OWNER_SIGNING.certificate()).revoked(NOW.minusSeconds(60)).build())), ErrorCode.CERT_VALIDATION);
        assertFault(() -> VERIFIER.verify(signed(message, OWNER_SIGNING,
                PKI.ocsp(OWNER_SIGNING.certificate()).unknown().build())), ErrorCode.CERT_VALIDATION);
        assertFault(() -> VERIFIER.verify(signed(message, OWNER_SIGNING,
                PKI.ocsp(OWNER_SIGNING.certificate()).thisUpdate(NOW.minus(Duration.ofHours(2))).build())),
                ErrorCode.INCORRECT_VALIDATION_INFO);
        assertFault(() -> VERIFIER.verify(signed(message, OWNER_SIGNING, PKI.ocsp(CLIENT_SIGNING.certificate()).build())),
                ErrorCode.INCORRECT_VALIDATION_INFO);
        assertFault(() -> VERIFIER.verify(signed(message, foreign, unknown.ocsp(foreign.certificate()).build())),
                ErrorCode.CERT_VALIDATION);
        assertFault(() -> VERIFIER.verify(signed(message, expired, PKI.ocsp(expired.certificate()).build())),
                ErrorCode.CERT_VALIDATION);
        assertFault(() -> VERIFIER.verify(signed(message, notForSigning, PKI.ocsp(notForSigning.certificate()).build())),
                ErrorCode.CERT_VALIDATION);
    }

    @Test
    void theCertificateProfileOfTheCaMustBeKnown() {
        ManagementRequestVerifier noProfiles = Fixtures.verifier().profiles(cert -> Optional.empty()).build();

        assertFault(() -> noProfiles.verify(Fixtures.signedPackage(new MaintenanceModeDisable(SERVER))),
                ErrorCode.CERT_VALIDATION);
    }

    @Test
    void theRequestMustBeAddressedToTheManagementServiceOfTheOwnInstance() {
        ManagementPackage pkg = Fixtures.signedPackage(new MaintenanceModeDisable(SERVER));
        ManagementRequestVerifier otherProvider = Fixtures.verifier()
                .managementServiceProvider(new MemberId("EE", "GOV", "CS").subsystem("OTHER")).build();
        ManagementRequestVerifier otherInstance = Fixtures.verifier().instance("FI").build();

        assertFault(() -> otherProvider.verify(pkg), ErrorCode.INVALID_REQUEST);
        assertFault(() -> otherInstance.verify(pkg), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void theSenderMustOwnTheServer() {
        ManagementMessage fromClient = ManagementMessage.create(CLIENT_MEMBER, PROVIDER, "id-1",
                new ClientDeletion(SERVER, SUBSYSTEM));
        ManagementMessage fromSubsystem = ManagementMessage.create(OWNER.subsystem("sub"), PROVIDER, "id-2",
                new ClientDeletion(SERVER, SUBSYSTEM));

        assertFault(() -> VERIFIER.verify(ManagementPackage.unsigned(fromClient)), ErrorCode.INVALID_REQUEST);
        assertFault(() -> VERIFIER.verify(ManagementPackage.unsigned(fromSubsystem)), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void identifierCodesWithReservedCharactersAreInvalid() {
        SecurityServerId slash = new SecurityServerId(OWNER, "TS/1");
        ManagementPackage badServer = ManagementPackage.unsigned(ManagementMessage.create(PROVIDER, "id",
                new ClientDeletion(slash, SUBSYSTEM)));
        ManagementPackage badClient = ManagementPackage.unsigned(Fixtures.message(new ClientDeletion(SERVER,
                new MemberId("EE", "COM", "a;b"))));
        ManagementPackage zeroWidth = ManagementPackage.unsigned(Fixtures.message(new ClientDeletion(SERVER,
                new MemberId("EE", "COM", "a\u200Bb"))));

        assertFault(() -> VERIFIER.verify(badServer), ErrorCode.INVALID_CLIENT_IDENTIFIER);
        assertFault(() -> VERIFIER.verify(badClient), ErrorCode.INVALID_CLIENT_IDENTIFIER);
        assertFault(() -> VERIFIER.verify(zeroWidth), ErrorCode.INVALID_CLIENT_IDENTIFIER);
    }

    @Test
    void addressesMustBeIpAddressesOrDnsNamesWithAnOptionalPort() {
        for (String bad : new String[] {"bad address", "-ss1.example.org", "ss1..example.org", "10.0.0",
                "300.1.1.1", "http://ss1.example.org", "ss1.example.org/", "ss1.example.org:0",
                "ss1.example.org:65536", "10.0.0.1:", "10.0.0.1:x", "::1:5500x", "[::1]", "[zz]:5500"}) {
            assertFault(() -> VERIFIER.verify(Fixtures.signedPackage(new AddressChange(SERVER, bad))),
                    ErrorCode.INVALID_REQUEST);
            assertFault(() -> VERIFIER.verify(Fixtures.signedPackage(new AuthCertReg(SERVER, bad, AUTH.certificate()))),
                    ErrorCode.INVALID_REQUEST);
        }
        for (String good : new String[] {"10.0.0.1", "::1", "fe80::1:2", "ss1", "ss1.example.org", "tööd.ee",
                "ss_1.example.org.", "127.0.0.1:5501", "ss1.example.org:5500", "[::1]:5500"}) {
            VERIFIER.verify(Fixtures.signedPackage(new AddressChange(SERVER, good)));
        }
        assertFault(() -> VERIFIER.verify(Fixtures.signedPackage(new AuthCertReg(SERVER, Optional.empty(),
                AUTH.certificate(), Optional.empty()))), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void subsystemNamesBelongToSubsystems() {
        assertFault(() -> VERIFIER.verify(Fixtures.signedPackage(new ClientReg(SERVER, CLIENT_MEMBER,
                Optional.of("a name")))), ErrorCode.INVALID_REQUEST);
        assertFault(() -> VERIFIER.verify(Fixtures.signedPackage(new ClientRename(SERVER, CLIENT_MEMBER, "a name"))),
                ErrorCode.INVALID_REQUEST);
        assertFault(() -> VERIFIER.verify(Fixtures.signedPackage(new ClientRename(SERVER, SUBSYSTEM, "  "))),
                ErrorCode.INVALID_REQUEST);
        VERIFIER.verify(Fixtures.signedPackage(new ClientReg(SERVER, CLIENT_MEMBER, Optional.empty())));
    }

    @Test
    void authCertRegNeedsProofOfPossessionOfAnApprovedAuthenticationCertificate() {
        var request = new AuthCertReg(SERVER, "ss1.example.org", AUTH.certificate());
        ManagementMessage message = Fixtures.message(request);
        MemberSignature owner = Fixtures.sign(message, OWNER_SIGNING);
        IssuedCert otherAuth = PKI.authCert("TS2");
        TestPki unknown = TestPki.builder().name("Unknown CA").clock(CLOCK).build();
        IssuedCert foreignAuth = unknown.authCert("TS1");
        IssuedCert signingAsAuth = PKI.issue(PKI.signingSpec(new X500Principal("C=EE, CN=TS1"))
                .noExtendedKeyUsage().keyUsage(KeyUsage.NON_REPUDIATION).build());

        assertFault(() -> VERIFIER.verify(ManagementPackage.authCertReg(message,
                SigningKey.software(otherAuth.privateKey()), owner)), ErrorCode.INVALID_SIGNATURE_VALUE);
        assertFault(() -> VERIFIER.verify(authCertReg(foreignAuth)), ErrorCode.CERT_VALIDATION);
        assertFault(() -> VERIFIER.verify(authCertReg(signingAsAuth)), ErrorCode.CERT_VALIDATION);
        assertFault(() -> VERIFIER.verify(ManagementPackage.authCertReg(message,
                SigningKey.software(AUTH.privateKey()), Fixtures.sign(message, CLIENT_SIGNING))), ErrorCode.INVALID_REQUEST);
    }

    private static ManagementPackage authCertReg(IssuedCert auth) {
        ManagementMessage message = Fixtures.message(new AuthCertReg(SERVER, "ss1.example.org", auth.certificate()));
        return ManagementPackage.authCertReg(message, SigningKey.software(auth.privateKey()),
                Fixtures.sign(message, OWNER_SIGNING));
    }

    private static ManagementPackage signed(ManagementMessage message, IssuedCert signer, byte[] ocsp) {
        return ManagementPackage.signed(message, MemberSignature.sign(message, SigningKey.software(signer.privateKey()),
                signer.certificate(), OcspResponse.parse(ocsp)));
    }
}
