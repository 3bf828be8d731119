package org.sild.securityserver.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.GlobalSettings;
import org.sild.core.globalconf.ManagementService;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.globalconf.StoredInstance;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.management.ManagementPackage;
import org.sild.core.management.ManagementRequest;
import org.sild.core.management.ManagementRequestType;
import org.sild.core.management.ManagementRequestVerifier;
import org.sild.core.signature.CertificateProfiles;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.tls.ClientAuth;
import org.sild.runtime.tls.ServerTls;
import org.sild.runtime.tls.TlsContexts;
import org.sild.runtime.tls.TlsProfile;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.securityserver.signer.CertificateRequests;
import org.sild.securityserver.signer.KeyAlgorithm;
import org.sild.securityserver.signer.KeyPurpose;
import org.sild.securityserver.signer.SoftwareToken;
import org.sild.securityserver.signer.TokenKey;
import org.sild.testing.CertSpec;
import org.sild.testing.IssuedCert;
import org.sild.testing.KeyUsage;
import org.sild.testing.TestPki;

/**
 * The management client against a fake central server that reads and verifies what it receives with
 * core's management reader and verifier: real keys on a software token, certificates and OCSP
 * responses from the test PKI, TLS pinned as X-Road pins it.
 */
class ManagementClientTest {

    private static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TestPki PKI = TestPki.builder().instance("DEV").clock(CLOCK).build();
    private static final String EJBCA = "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";

    private static final MemberId OWNER = new MemberId("DEV", "GOV", "70000001");
    private static final SecurityServerId SERVER = new SecurityServerId(OWNER, "ss1");
    private static final MemberId CLIENT = new MemberId("DEV", "COM", "70000003");
    private static final SubsystemId PORTAL = CLIENT.subsystem("portal");
    private static final MemberId NEW_OWNER = new MemberId("DEV", "COM", "70000004");
    private static final MemberId KEYLESS = new MemberId("DEV", "COM", "70000005");
    private static final ClientId PROVIDER = new MemberId("DEV", "GOV", "CS").subsystem("MANAGEMENT");

    private static final IssuedCert CS_TLS = PKI.issue(CertSpec.builder(new X500Principal("CN=cs.dev"))
            .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT).extendedKeyUsage(CertSpec.SERVER_AUTH).build());
    private static final IssuedCert OTHER_TLS = PKI.issue(CertSpec.builder(new X500Principal("CN=impostor"))
            .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT).extendedKeyUsage(CertSpec.SERVER_AUTH).build());

    @TempDir
    static Path dir;
    private static SoftwareToken token;
    private static X509Certificate authCert;
    private static FakeCentralServer registration;
    private static FakeCentralServer proxy;
    private static ManagedHttpClient http;

    @BeforeAll
    static void setUp() {
        token = SoftwareToken.open(dir.resolve("token"), "pin".toCharArray(), new SecureRandom(), CLOCK);
        authCert = certify(token.generateKey(KeyPurpose.AUTHENTICATION, Optional.empty(), KeyAlgorithm.RSA_2048, "auth"),
                PKI.authSpec(CertificateRequests.authenticationSubject(SERVER)));
        for (MemberId member : List.of(OWNER, CLIENT, NEW_OWNER)) {
            certify(token.generateKey(KeyPurpose.SIGNING, Optional.of(member), KeyAlgorithm.RSA_2048, member.toString()),
                    PKI.signingSpec(CertificateRequests.signingSubject(member)));
        }
        var tls = new ServerTls(TlsContexts.builder().key(CS_TLS.privateKey(), List.of(CS_TLS.certificate())).build(),
                ClientAuth.NONE, TlsProfile.CLIENT_FACING);
        registration = FakeCentralServer.registration(verifier("DEV"), tls);
        proxy = FakeCentralServer.behindClientProxy(verifier("DEV"));
        http = HttpClients.builder().name("test-client-proxy").build();
    }

    @AfterAll
    static void tearDown() {
        http.close();
        proxy.close();
        registration.close();
        token.close();
    }

    @Test
    void authCertRegGoesStraightToTheRegistrationServiceWhoseCertificateIsPinned() {
        int before = registration.received.size();

        long id = client(conf(Optional.of(CS_TLS.certificate()))).send(
                new ManagementRequest.AuthCertReg(SERVER, "ss1.dev.example", authCert));

        assertThat(id).isGreaterThanOrEqualTo(1000);
        ManagementPackage received = registration.received.get(before);
        assertThat(received.message().header().client()).isEqualTo(OWNER);
        assertThat(received.message().header().service().provider()).isEqualTo(PROVIDER);
        assertThat(received.authSignature()).isPresent();
        assertThat(received.memberSignature().orElseThrow().certificate().getSubjectX500Principal())
                .isEqualTo(CertificateRequests.signingSubject(OWNER));
        assertThat(registration.contentTypes.get(before)).startsWith("multipart/related");
    }

    @Test
    void aRegistrationServiceWithAnotherTlsCertificateOrNoneConfiguredIsRefused() {
        int before = registration.received.size();
        var request = new ManagementRequest.AuthCertReg(SERVER, "ss1.dev.example", authCert);

        assertFault(() -> client(conf(Optional.of(OTHER_TLS.certificate()))).send(request),
                FaultCode.of(ErrorCode.SSL_AUTHENTICATION_FAILED));
        assertFault(() -> client(conf(Optional.empty())).send(request), FaultCode.of(ErrorCode.SSL_AUTHENTICATION_FAILED));
        assertThat(registration.received).hasSize(before);
    }

    static Stream<ManagementRequest> throughTheClientProxy() {
        return Stream.of(
                new ManagementRequest.AuthCertDeletion(SERVER, authCert),
                new ManagementRequest.ClientReg(SERVER, PORTAL, Optional.of("Portal")),
                new ManagementRequest.ClientDeletion(SERVER, PORTAL),
                new ManagementRequest.OwnerChange(SERVER, NEW_OWNER),
                new ManagementRequest.AddressChange(SERVER, "10.0.0.7"),
                new ManagementRequest.ClientEnable(SERVER, PORTAL),
                new ManagementRequest.ClientDisable(SERVER, PORTAL),
                new ManagementRequest.ClientRename(SERVER, PORTAL, "Citizen portal"),
                new ManagementRequest.MaintenanceModeEnable(SERVER, Optional.of("until noon")),
                new ManagementRequest.MaintenanceModeDisable(SERVER));
    }

    @ParameterizedTest
    @MethodSource("throughTheClientProxy")
    void everyOtherRequestGoesThroughTheClientProxySignedByTheMemberItNeeds(ManagementRequest request) {
        int before = proxy.received.size();

        long id = client(conf(Optional.of(CS_TLS.certificate()))).send(request);

        assertThat(id).isGreaterThanOrEqualTo(1000);
        ManagementPackage received = proxy.received.get(before);
        assertThat(received.message().request()).isEqualTo(request);
        ManagementRequestType type = request.type();
        assertThat(proxy.contentTypes.get(before)).startsWith(type.isSigned() ? "multipart/related" : "text/xml");
        assertThat(received.memberSignature().isPresent()).isEqualTo(type.isSigned());
        received.memberSignature().ifPresent(m -> assertThat(m.certificate().getSubjectX500Principal())
                .isEqualTo(CertificateRequests.signingSubject(request.requiredSigner().orElseThrow())));
    }

    @Test
    void theCentralServersFaultIsThrownWithItsOwnCode() {
        try (var otherInstance = FakeCentralServer.behindClientProxy(verifier("FED"))) {
            ManagementClient client = ManagementClient.builder().globalConf(provider(conf(Optional.empty())))
                    .token(token).ocsp(ManagementClientTest::ocsp).clientProxy(otherInstance.uri("/"), http)
                    .clock(CLOCK).random(new Random(4)).build();

            assertFault(() -> client.send(new ManagementRequest.MaintenanceModeDisable(SERVER)),
                    FaultCode.of(ErrorCode.SERVER, ErrorCode.INVALID_REQUEST));
        }
    }

    @Test
    void withoutTheKeysOrTheirOcspResponsesNothingIsSent() {
        int before = proxy.received.size();
        ManagementClient noOcsp = ManagementClient.builder().globalConf(provider(conf(Optional.empty()))).token(token)
                .ocsp((cert, now) -> {
                    throw new XRoadException(ErrorCode.CERT_VALIDATION, "no OCSP response yet");
                })
                .clientProxy(proxy.uri("/"), http).clock(CLOCK).build();
        IssuedCert foreignAuth = PKI.issue(PKI.authSpec(CertificateRequests.authenticationSubject(
                new SecurityServerId(OWNER, "ss9"))).build());

        assertFault(() -> client(conf(Optional.empty())).send(new ManagementRequest.OwnerChange(SERVER, KEYLESS)),
                FaultCode.of(ErrorCode.CANNOT_CREATE_SIGNATURE));
        assertFault(() -> noOcsp.send(new ManagementRequest.MaintenanceModeDisable(SERVER)),
                FaultCode.of(ErrorCode.CANNOT_CREATE_SIGNATURE));
        assertFault(() -> client(conf(Optional.of(CS_TLS.certificate()))).send(
                new ManagementRequest.AuthCertReg(SERVER, "ss1.dev.example", foreignAuth.certificate())),
                FaultCode.of(ErrorCode.KEY_NOT_FOUND));
        assertThat(proxy.received).hasSize(before);
    }

    @Test
    void anAnswerThatIsNotSoapIsAnHttpError() {
        try (var notFound = org.sild.runtime.http.HttpServer.builder().name("not-found").host("127.0.0.1").port(0)
                .handler(new org.eclipse.jetty.server.Handler.Abstract() {
                    @Override
                    public boolean handle(org.eclipse.jetty.server.Request request,
                                          org.eclipse.jetty.server.Response response,
                                          org.eclipse.jetty.util.Callback callback) {
                        org.eclipse.jetty.server.Response.writeError(request, response, callback, 404);
                        return true;
                    }
                }).build().start()) {
            ManagementClient toNotFound = ManagementClient.builder().globalConf(provider(conf(Optional.empty())))
                    .token(token).ocsp(ManagementClientTest::ocsp).clientProxy(notFound.uri(), http).clock(CLOCK).build();

            assertFault(() -> toNotFound.send(new ManagementRequest.ClientDeletion(SERVER, PORTAL)),
                    FaultCode.of(ErrorCode.HTTP_ERROR));
        }
    }

    private static ManagementClient client(GlobalConf conf) {
        return ManagementClient.builder().globalConf(provider(conf)).token(token).ocsp(ManagementClientTest::ocsp)
                .clientProxy(proxy.uri("/"), http).clock(CLOCK).random(new Random(3))
                .timeout(Duration.ofSeconds(20)).build();
    }

    /** The signer's part, played by the test PKI: a real, good OCSP response now. */
    private static byte[] ocsp(X509Certificate certificate, Instant now) {
        return PKI.ocsp(certificate).build();
    }

    private static GlobalConfProvider provider(GlobalConf conf) {
        return now -> conf;
    }

    /** Global configuration approving the test PKI, whose registration service is the fake's, pinned to {@code tls}. */
    private static GlobalConf conf(Optional<X509Certificate> tls) {
        URI address = registration.uri("/managementservice/");
        var management = new ManagementService(address.toString(), tls, PROVIDER);
        var privateParameters = new PrivateParameters(3, "DEV", List.of(), management, 60);
        var instance = new StoredInstance("DEV", Optional.of(privateParameters), Optional.of(shared()), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
        return new GlobalConf(new StoredGlobalConf("DEV", Map.of("DEV", instance)));
    }

    /** What the central server of {@code instance} verifies with, derived from its own configuration. */
    private static ManagementRequestVerifier verifier(String instance) {
        GlobalConf conf = confFor();
        return ManagementRequestVerifier.builder().instance(instance).managementServiceProvider(PROVIDER)
                .trustAnchors(conf.own().trustAnchors(true)).ocspTrust(conf.ocspTrust("DEV"))
                .profiles(cert -> conf.own().certificateProfileInfo(cert)
                        .flatMap(CertificateProfiles.standard()::byClassName))
                .clock(CLOCK).build();
    }

    /** The central server's own view: the same approved CA, without private parameters. */
    private static GlobalConf confFor() {
        var instance = new StoredInstance("DEV", Optional.empty(), Optional.of(shared()), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
        return new GlobalConf(new StoredGlobalConf("DEV", Map.of("DEV", instance)));
    }

    /** Shared parameters approving the test PKI (EJBCA profile), read back as a security server reads them. */
    private static SharedParameters shared() {
        var ca = new ApprovedCa("Test CA", Optional.empty(), new ApprovedCa.CaInfo(PKI.root().certificate(), List.of()),
                List.of(new ApprovedCa.CaInfo(PKI.intermediate().certificate(), List.of())), EJBCA,
                Optional.empty(), Optional.empty());
        SharedParameters built = SharedParameters.builder("DEV").approvedCa(ca)
                .globalSettings(new GlobalSettings(List.of(), 3600)).build();
        return SharedParameters.parse(built.toXml(), built.version());
    }

    private static X509Certificate certify(TokenKey key, CertSpec.Builder spec) {
        IssuedCert cert = PKI.issue(spec.keyPair(new KeyPair(key.publicKey(), token.privateKey(key.id()))).build());
        token.importCertificate(List.of(cert.certificate()));
        return cert.certificate();
    }

    private static void assertFault(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, FaultCode code) {
        XRoadException e = catchThrowableOfType(XRoadException.class, call);
        assertThat(e).as("expected fault %s", code).isNotNull();
        assertThat(e.code()).as("fault code of: %s", e.getMessage()).isEqualTo(code);
    }

    @Test
    void theClientNeedsItsParts() {
        assertThatThrownBy(() -> ManagementClient.builder().token(token).build()).isInstanceOf(NullPointerException.class);
    }
}
