package org.sild.centralserver.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.centralserver.CentralServerConfig;
import org.sild.centralserver.Fixtures;
import org.sild.centralserver.RunningServer;
import org.sild.centralserver.registry.RecordedRequest;
import org.sild.centralserver.registry.RequestState;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ManagementService;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.management.ManagementMessage;
import org.sild.core.management.ManagementPackage;
import org.sild.core.management.ManagementRequest;
import org.sild.core.management.ManagementResponse;
import org.sild.core.management.MemberSignature;
import org.sild.core.management.RequestSignature;
import org.sild.core.pki.OcspResponse;
import org.sild.core.signature.SigningKey;
import org.sild.runtime.tls.TlsContexts;
import org.sild.testing.IssuedCert;
import org.sild.testing.MutableClock;
import org.sild.testing.TestDatabases;
import org.sild.testing.TestPki;

/**
 * The registration (4001) and management (4002) services of a running central server over real
 * HTTPS, with requests built, signed and encoded as a security server builds them.
 */
class ManagementServicesTest {

    private static final TestPki PKI = Fixtures.PKI;
    private static final IssuedCert REGISTRY_SIGN = signing(Fixtures.REGISTRY);
    private static final IssuedCert PORTAL_SIGN = signing(Fixtures.PORTAL);
    private static final SubsystemId PORTAL_APP = Fixtures.PORTAL.subsystem("portal");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void registersAuthenticationCertificatesAndClientsAndPublishesTheServiceCertificate(TestDatabases kind)
            throws Exception {
        try (var cs = new RunningServer(kind, Clock.systemUTC())) {
            var registry = cs.server.registry();
            assertThat(registry.settings().authCertRegServiceCert()).contains(cs.server.tlsCertificate());
            Fixtures.populate(registry);
            ManagementService published = registry.describe().managementService();
            assertThat(published.authCertRegServiceAddress())
                    .isEqualTo("https://127.0.0.1:" + cs.server.registrationPort() + "/managementservice/");
            assertThat(published.authCertRegServiceCert()).contains(cs.server.tlsCertificate());
            assertThat(published.managementRequestServiceProviderId()).isEqualTo(Fixtures.MANAGEMENT);

            IssuedCert pendingCert = Fixtures.authCert("ss1-pending");
            long pending = send(cs, ManagementPort.REGISTRATION, authCertReg(Fixtures.SS1, pendingCert));
            RecordedRequest recorded = registry.managementRequests().get(pending).orElseThrow();
            assertThat(recorded.state()).isEqualTo(RequestState.SUBMITTED);
            assertThat(recorded.origin()).isEqualTo("127.0.0.1");
            assertThat(recorded.request()).isInstanceOfSatisfying(ManagementRequest.AuthCertReg.class,
                    r -> assertThat(r.authCert()).isEqualTo(pendingCert.certificate()));
            assertThat(registry.servers().get(Fixtures.SS1)).isEmpty();

            registry.changeSettings(s -> s.withAutoApproval(true, true, false));
            IssuedCert authCert = Fixtures.authCert("ss1");
            long approved = send(cs, ManagementPort.REGISTRATION, authCertReg(Fixtures.SS1, authCert));
            assertThat(registry.managementRequests().get(approved).orElseThrow().state()).isEqualTo(RequestState.APPROVED);
            assertThat(registry.describe().securityServer(Fixtures.SS1)).hasValueSatisfying(s ->
                    assertThat(s.address()).contains("ss1.example.org"));

            long clientReg = send(cs, ManagementPort.MANAGEMENT, signed(new ManagementRequest.ClientReg(Fixtures.SS1,
                    PORTAL_APP, Optional.of("Citizen portal")), PORTAL_SIGN));
            assertThat(registry.managementRequests().get(clientReg).orElseThrow().state())
                    .isEqualTo(RequestState.APPROVED);
            assertThat(registry.describe().securityServer(Fixtures.SS1).orElseThrow().clients()).contains(PORTAL_APP);

            long deletion = send(cs, ManagementPort.MANAGEMENT, ManagementPackage.unsigned(
                    message(new ManagementRequest.ClientDeletion(Fixtures.SS1, PORTAL_APP))));
            assertThat(deletion).isGreaterThan(clientReg);
            assertThat(registry.describe().securityServer(Fixtures.SS1).orElseThrow().clients())
                    .doesNotContain(PORTAL_APP);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void refusesWithSoapFaultsNamingTheCode(TestDatabases kind) throws Exception {
        try (var cs = new RunningServer(kind, Clock.systemUTC())) {
            Fixtures.populate(cs.server.registry());
            IssuedCert authCert = Fixtures.authCert("ss1");

            assertFault(cs, ManagementPort.MANAGEMENT, authCertReg(Fixtures.SS1, authCert), "Server.InvalidRequest",
                    "authCertReg is not accepted at /managementservice/manage/");
            assertFault(cs, ManagementPort.REGISTRATION, ManagementPackage.unsigned(message(
                    new ManagementRequest.ClientDeletion(Fixtures.SS1, PORTAL_APP))), "Server.InvalidRequest",
                    "clientDeletion is not accepted at /managementservice/");

            ManagementMessage rename = message(new ManagementRequest.ClientRename(Fixtures.SS1, PORTAL_APP, "x"));
            var forged = new MemberSignature(RequestSignature.sign(key(PORTAL_SIGN), PORTAL_SIGN.certificate()
                    .getPublicKey(), "something else".getBytes(StandardCharsets.UTF_8)), PORTAL_SIGN.certificate(),
                    ocsp(PORTAL_SIGN));
            assertFault(cs, ManagementPort.MANAGEMENT, ManagementPackage.signed(rename, forged),
                    "Server.InvalidSignatureValue", "signature verification failed");

            TestPki unknown = TestPki.builder().name("Unknown CA").instance("DEV").build();
            IssuedCert foreign = unknown.issue(unknown.signingSpec(subject(Fixtures.PORTAL)).build());
            var foreignSignature = MemberSignature.sign(rename, key(foreign), foreign.certificate(),
                    OcspResponse.parse(unknown.ocsp(foreign.certificate()).build()));
            assertFault(cs, ManagementPort.MANAGEMENT, ManagementPackage.signed(rename, foreignSignature),
                    "Server.CertValidation", "Member (owner/client) sign certificate is invalid");

            assertFault(cs, ManagementPort.MANAGEMENT, signed(new ManagementRequest.ClientRename(Fixtures.SS1,
                    PORTAL_APP, "x"), REGISTRY_SIGN), "Server.InvalidRequest", "does not match");
            assertFault(cs, ManagementPort.MANAGEMENT, signed(new ManagementRequest.MaintenanceModeDisable(
                    Fixtures.SS1), REGISTRY_SIGN), "Server.NotFound", "DEV/GOV/70000001/ss1");

            byte[] oversize = new byte[ManagementPackage.MAX_BYTES + 10];
            java.util.Arrays.fill(oversize, (byte) ' ');
            HttpResponse<byte[]> big = post(cs, ManagementPort.MANAGEMENT, "text/xml; charset=UTF-8", oversize);
            assertThat(big.statusCode()).isEqualTo(500);
            assertThat(faultCode(big)).isEqualTo("Server.InvalidMessage");

            HttpResponse<byte[]> get = client(cs).send(HttpRequest.newBuilder(uri(cs, ManagementPort.REGISTRATION))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(faultCode(get)).isEqualTo("Server.InvalidHttpMethod");
            assertThat(new String(get.body(), StandardCharsets.UTF_8)).doesNotContain("at org.");
            assertThat(cs.server.registry().managementRequests().list(
                    org.sild.centralserver.registry.RequestFilter.all())).isEmpty();
        }
    }

    @Test
    void limitsTheRequestsOfOneSourceAddressPerMinute() throws Exception {
        var clock = new MutableClock(java.time.Instant.now());
        try (var cs = new RunningServer(TestDatabases.H2, clock, c -> c.withManagementServices(
                new CentralServerConfig.ManagementServices(3, Duration.ofSeconds(10))))) {
            Fixtures.populate(cs.server.registry());
            byte[] body = message(new ManagementRequest.ClientDeletion(Fixtures.SS1, PORTAL_APP)).bytes();
            for (int i = 0; i < 3; i++) {
                assertThat(faultCode(post(cs, ManagementPort.MANAGEMENT, "text/xml", body))).isEqualTo("Server.NotFound");
            }
            HttpResponse<byte[]> limited = post(cs, ManagementPort.MANAGEMENT, "text/xml", body);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(faultCode(limited)).isEqualTo("Server.InvalidRequest");
            assertThat(new String(limited.body(), StandardCharsets.UTF_8)).contains("at most 3 a minute");
            assertThat(post(cs, ManagementPort.REGISTRATION, "text/xml", body).statusCode()).isEqualTo(500);

            clock.advance(Duration.ofSeconds(61));
            assertThat(faultCode(post(cs, ManagementPort.MANAGEMENT, "text/xml", body))).isEqualTo("Server.NotFound");
        }
    }

    // --- requests as a security server builds them

    private static ManagementMessage message(ManagementRequest request) {
        return ManagementMessage.create(Fixtures.MANAGEMENT, UUID.randomUUID().toString(), request);
    }

    private static ManagementPackage authCertReg(SecurityServerId server, IssuedCert authCert) {
        ManagementMessage m = message(new ManagementRequest.AuthCertReg(server, "ss1.example.org",
                authCert.certificate()));
        return ManagementPackage.authCertReg(m, key(authCert), MemberSignature.sign(m, key(REGISTRY_SIGN),
                REGISTRY_SIGN.certificate(), ocsp(REGISTRY_SIGN)));
    }

    private static ManagementPackage signed(ManagementRequest request, IssuedCert signer) {
        ManagementMessage m = message(request);
        return ManagementPackage.signed(m, MemberSignature.sign(m, key(signer), signer.certificate(), ocsp(signer)));
    }

    private static IssuedCert signing(MemberId member) {
        return PKI.issue(PKI.signingSpec(subject(member)).build());
    }

    /** The EJBCA profile's signing certificate subject: C = instance, O = member class, CN = member code. */
    private static X500Principal subject(MemberId member) {
        return new X500Principal("C=" + member.instance() + ", O=" + member.memberClass() + ", CN=" + member.memberCode());
    }

    private static SigningKey key(IssuedCert cert) {
        return SigningKey.software(cert.keyPair().getPrivate());
    }

    private static OcspResponse ocsp(IssuedCert cert) {
        return OcspResponse.parse(PKI.ocsp(cert.certificate()).build());
    }

    // --- HTTPS

    private static long send(RunningServer cs, ManagementPort port, ManagementPackage pkg) throws Exception {
        var encoded = pkg.encode(new Random(7));
        HttpResponse<byte[]> response = post(cs, port, encoded.contentType(), encoded.body());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return ManagementResponse.read(pkg.message(), new ByteArrayInputStream(response.body()),
                response.headers().firstValue("Content-Type").orElseThrow()).requestId();
    }

    private static void assertFault(RunningServer cs, ManagementPort port, ManagementPackage pkg, String code,
                                    String message) throws Exception {
        var encoded = pkg.encode(new Random(7));
        HttpResponse<byte[]> response = post(cs, port, encoded.contentType(), encoded.body());
        assertThat(response.statusCode()).isEqualTo(500);
        XRoadException e = catchThrowableOfType(XRoadException.class, () -> ManagementResponse.read(pkg.message(),
                new ByteArrayInputStream(response.body()), response.headers().firstValue("Content-Type").orElseThrow()));
        assertThat(e.code()).isEqualTo(FaultCode.parse(code));
        assertThat(e.getMessage()).contains(message);
    }

    private static String faultCode(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        int start = body.indexOf("<faultcode>");
        return start < 0 ? body : body.substring(start + "<faultcode>".length(), body.indexOf("</faultcode>"));
    }

    private static HttpResponse<byte[]> post(RunningServer cs, ManagementPort port, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return client(cs).send(HttpRequest.newBuilder(uri(cs, port)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(RunningServer cs, ManagementPort port) {
        int number = port == ManagementPort.REGISTRATION ? cs.server.registrationPort() : cs.server.managementPort();
        return URI.create("https://127.0.0.1:" + number + port.path());
    }

    /** A client that trusts exactly the central server's self-signed certificate, as security servers pin it. */
    private static HttpClient client(RunningServer cs) {
        X509Certificate pinned = cs.server.tlsCertificate();
        return HttpClient.newBuilder().sslContext(TlsContexts.builder().trustAnchors(List.of(pinned)).build())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }
}
