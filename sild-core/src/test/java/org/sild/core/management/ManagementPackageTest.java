package org.sild.core.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.management.Fixtures.AUTH;
import static org.sild.core.management.Fixtures.OWNER_SIGNING;
import static org.sild.core.management.Fixtures.SERVER;
import static org.sild.core.management.Fixtures.SUBSYSTEM;
import static org.sild.core.management.Fixtures.assertFault;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientDeletion;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.multipart.BodyPart;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartReader;
import org.sild.core.multipart.MultipartWriter;

class ManagementPackageTest {

    static Stream<ManagementRequest> everyRequest() {
        return Fixtures.everyRequest().stream();
    }

    @ParameterizedTest
    @MethodSource("everyRequest")
    void everyRequestRoundTripsThroughItsHttpBody(ManagementRequest request) {
        ManagementPackage written = Fixtures.signedPackage(request);
        ManagementPackage.Encoded encoded = written.encode(new Random(1));

        ManagementPackage read = ManagementPackage.read(new ByteArrayInputStream(encoded.body()), encoded.contentType());

        assertThat(read).isEqualTo(written);
        assertThat(read.message().bytes()).isEqualTo(written.message().bytes());
        assertThat(ContentType.parse(encoded.contentType()).mediaType())
                .isEqualTo(request.type().isSigned() ? "multipart/related" : "text/xml");
    }

    @Test
    void theSignedFormHasThePartsInTheProtocolsOrder() {
        ManagementPackage.Encoded encoded = Fixtures.signedPackage(new AuthCertReg(SERVER, "ss1.example.org",
                AUTH.certificate())).encode(new Random(1));
        List<MimeHeaders> headers = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        MultipartReader reader = MultipartReader.of(new ByteArrayInputStream(encoded.body()),
                ContentType.parse(encoded.contentType()));
        for (var p = reader.next(); p.isPresent(); p = reader.next()) {
            headers.add(p.get().headers());
            bodies.add(bytes(p.get()));
        }

        assertThat(headers).hasSize(6);
        assertThat(headers.get(0).first("Content-Type")).contains("text/xml; charset=UTF-8");
        assertThat(headers.get(1).first("signature-algorithm-id")).contains("SHA512withRSA");
        assertThat(headers.get(2).first("signature-algorithm-id")).contains("SHA512withRSA");
        assertThat(headers.subList(1, 6)).allSatisfy(h ->
                assertThat(h.first("Content-Type")).contains("application/octet-stream"));
        assertThat(bodies.get(3)).isEqualTo(AUTH.encoded());
        assertThat(bodies.get(4)).isEqualTo(OWNER_SIGNING.encoded());
        assertThat(ContentType.parse(encoded.contentType()).parameter("type")).contains("text/xml");
    }

    @Test
    void theDeletionsTravelAsPlainSoapAndMayComeAsAOnePartPackage() {
        ManagementPackage deletion = Fixtures.signedPackage(new ClientDeletion(SERVER, SUBSYSTEM));
        ManagementPackage.Encoded encoded = deletion.encode(new Random(1));
        byte[] onePart = multipart(List.of(part(soapHeaders(), deletion.message().bytes())));

        assertThat(encoded.contentType()).isEqualTo("text/xml; charset=UTF-8");
        assertThat(encoded.body()).isEqualTo(deletion.message().bytes());
        assertThat(ManagementPackage.read(new ByteArrayInputStream(onePart), multipartType())).isEqualTo(deletion);
    }

    @Test
    void missingSurplusAndMistypedPartsAreRefused() {
        List<Part> parts = parts(Fixtures.signedPackage(new ClientReg(SERVER, SUBSYSTEM, Optional.empty())));

        for (int missing = 1; missing < parts.size(); missing++) {
            assertFault(read(parts.subList(0, missing)), ErrorCode.INVALID_REQUEST);
        }
        var surplus = new ArrayList<>(parts);
        surplus.add(parts.get(2));
        assertFault(read(surplus), ErrorCode.INVALID_REQUEST);
        assertFault(read(List.of()), ErrorCode.INVALID_REQUEST);
        assertFault(read(replace(parts, 2, part(MimeHeaders.of("Content-Type", "text/plain"), parts.get(2).body))),
                ErrorCode.INVALID_CONTENT_TYPE);
        assertFault(read(replace(parts, 0, part(MimeHeaders.of("Content-Type", "application/xml"), parts.get(0).body))),
                ErrorCode.INVALID_CONTENT_TYPE);
        assertFault(read(replace(parts, 1, part(MimeHeaders.of("Content-Type", "application/octet-stream"),
                parts.get(1).body))), ErrorCode.INVALID_REQUEST);
        assertFault(read(replace(parts, 1, part(MimeHeaders.of("Content-Type", "application/octet-stream",
                "signature-algorithm-id", "SHA1withRSA"), parts.get(1).body))), ErrorCode.UNSUPPORTED_ALGORITHM);
        assertFault(read(replace(parts, 1, part(parts.get(1).headers, new byte[0]))), ErrorCode.INVALID_REQUEST);
        assertFault(read(replace(parts, 2, part(parts.get(2).headers, new byte[] {1, 2, 3}))),
                ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(read(replace(parts, 3, part(parts.get(3).headers, new byte[] {1, 2, 3}))), ErrorCode.IO_ERROR);
    }

    @Test
    void signatureAlgorithmNamesAreReadCaseInsensitively() {
        List<Part> parts = parts(Fixtures.signedPackage(new ClientReg(SERVER, SUBSYSTEM, Optional.empty())));
        var lower = replace(parts, 1, part(MimeHeaders.of("Content-Type", "application/octet-stream",
                "Signature-Algorithm-Id", "sha512withrsa"), parts.get(1).body));

        ManagementPackage read = ManagementPackage.read(new ByteArrayInputStream(multipart(lower)), multipartType());

        assertThat(read.memberSignature().orElseThrow().signature().algorithmId()).isEqualTo("SHA512withRSA");
    }

    @Test
    void theAuthCertificatePartMustBeTheRegisteredCertificate() {
        List<Part> parts = parts(Fixtures.signedPackage(new AuthCertReg(SERVER, "ss1.example.org", AUTH.certificate())));

        assertFault(read(replace(parts, 3, part(parts.get(3).headers, OWNER_SIGNING.encoded()))),
                ErrorCode.CERT_VALIDATION);
    }

    @Test
    void aSignedRequestSentAsPlainSoapLacksItsSignature() {
        ManagementMessage message = Fixtures.message(new ClientReg(SERVER, SUBSYSTEM, Optional.empty()));

        assertFault(() -> ManagementPackage.read(new ByteArrayInputStream(message.bytes()), "text/xml"),
                ErrorCode.INVALID_REQUEST);
        assertFault(() -> ManagementPackage.read(new ByteArrayInputStream(message.bytes()), "application/soap+xml"),
                ErrorCode.INVALID_CONTENT_TYPE);
    }

    @Test
    void bodiesAreBoundedToFiftyKilobytes() {
        byte[] big = new byte[ManagementPackage.MAX_BYTES + 1];

        assertFault(() -> ManagementPackage.read(new ByteArrayInputStream(big), multipartType()),
                ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void theModelRefusesPackagesThatDoNotFitTheType() {
        ManagementMessage deletion = Fixtures.message(new ClientDeletion(SERVER, SUBSYSTEM));
        ManagementMessage reg = Fixtures.message(new ClientReg(SERVER, SUBSYSTEM, Optional.empty()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ManagementPackage.unsigned(reg))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ManagementPackage.signed(deletion,
                Fixtures.sign(deletion, OWNER_SIGNING))).isInstanceOf(IllegalArgumentException.class);
    }

    private record Part(MimeHeaders headers, byte[] body) {
    }

    private static Part part(MimeHeaders headers, byte[] body) {
        return new Part(headers, body);
    }

    private static MimeHeaders soapHeaders() {
        return MimeHeaders.of("Content-Type", "text/xml; charset=UTF-8");
    }

    private static List<Part> parts(ManagementPackage pkg) {
        ManagementPackage.Encoded encoded = pkg.encode(new Random(2));
        var out = new ArrayList<Part>();
        MultipartReader reader = MultipartReader.of(new ByteArrayInputStream(encoded.body()),
                ContentType.parse(encoded.contentType()));
        for (var p = reader.next(); p.isPresent(); p = reader.next()) {
            out.add(new Part(p.get().headers(), bytes(p.get())));
        }
        return out;
    }

    private static List<Part> replace(List<Part> parts, int index, Part part) {
        var copy = new ArrayList<>(parts);
        copy.set(index, part);
        return copy;
    }

    private static org.assertj.core.api.ThrowableAssert.ThrowingCallable read(List<Part> parts) {
        byte[] body = multipart(parts);
        return () -> ManagementPackage.read(new ByteArrayInputStream(body), multipartType());
    }

    private static String multipartType() {
        return "multipart/related; charset=UTF-8; boundary=b0undary";
    }

    private static byte[] multipart(List<Part> parts) {
        var out = new ByteArrayOutputStream();
        var writer = new MultipartWriter(out, "b0undary");
        parts.forEach(p -> writer.part(p.headers, p.body));
        if (parts.isEmpty()) {
            out.writeBytes("--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }
        writer.finish();
        return out.toByteArray();
    }

    private static byte[] bytes(BodyPart part) {
        try {
            return part.body().readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
