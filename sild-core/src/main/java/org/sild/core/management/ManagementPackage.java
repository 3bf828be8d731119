package org.sild.core.management;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartWriter;
import org.sild.core.pki.Certificates;
import org.sild.core.signature.SigningKey;

/**
 * A management request as it travels over HTTP (PR-MSERV §2, digest 04 §9.3).
 *
 * <p>The deletions are the SOAP message alone, {@code text/xml}. Every other request is
 * {@code multipart/related} with these parts in this order, each but the first
 * {@code application/octet-stream}:
 * <ol>
 *   <li>the SOAP message ({@code text/xml; charset=UTF-8});</li>
 *   <li>{@code authCertReg} only: the authentication key's signature (proof of possession), with a
 *       {@code signature-algorithm-id} header;</li>
 *   <li>the member's signature ({@code signature-algorithm-id});</li>
 *   <li>{@code authCertReg} only: the authentication certificate being registered;</li>
 *   <li>the member's signing certificate;</li>
 *   <li>an OCSP response for it.</li>
 * </ol>
 * Every signature is a raw signature over the exact bytes of the SOAP part.
 *
 * <p>Immutable; {@link #read} bounds its input to {@link #MAX_BYTES}, as the central server bounds
 * the bodies it accepts.
 *
 * @param message         the SOAP message
 * @param authSignature   the authentication key's signature: present exactly for {@code authCertReg}
 * @param memberSignature the member's signature with certificate and OCSP response: present exactly
 *                        for the signed request types
 */
public record ManagementPackage(ManagementMessage message, Optional<RequestSignature> authSignature,
                                Optional<MemberSignature> memberSignature) {

    /** Largest management request or response accepted, in bytes (the central server's limit). */
    public static final int MAX_BYTES = 50 * 1024;

    static final String SIGNATURE_ALGORITHM_ID = "signature-algorithm-id";
    static final String OCTET_STREAM = "application/octet-stream";
    static final String MULTIPART_RELATED = "multipart/related";

    public ManagementPackage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(authSignature, "authSignature");
        Objects.requireNonNull(memberSignature, "memberSignature");
        ManagementRequestType type = message.type();
        if (authSignature.isPresent() != type.hasAuthSignature()) {
            throw new IllegalArgumentException(type.serviceCode() + (type.hasAuthSignature()
                    ? " needs" : " has no") + " authentication key signature");
        }
        if (memberSignature.isPresent() != type.isSigned()) {
            throw new IllegalArgumentException(type.serviceCode() + (type.isSigned()
                    ? " needs" : " has no") + " member signature");
        }
    }

    /** An unsigned request ({@code authCertDeletion}, {@code clientDeletion}). */
    public static ManagementPackage unsigned(ManagementMessage message) {
        return new ManagementPackage(message, Optional.empty(), Optional.empty());
    }

    /** A request signed by one member (every signed type but {@code authCertReg}). */
    public static ManagementPackage signed(ManagementMessage message, MemberSignature member) {
        return new ManagementPackage(message, Optional.empty(), Optional.of(member));
    }

    /** An {@code authCertReg} request: the authentication key's proof of possession and the owner's signature. */
    public static ManagementPackage authCertReg(ManagementMessage message, RequestSignature auth, MemberSignature owner) {
        return new ManagementPackage(message, Optional.of(auth), Optional.of(owner));
    }

    /**
     * An {@code authCertReg} request signed here: {@code authKey} is the private key of the request's
     * {@code authCert}, the owner signs with {@code owner}'s key.
     */
    public static ManagementPackage authCertReg(ManagementMessage message, SigningKey authKey, MemberSignature owner) {
        var request = (ManagementRequest.AuthCertReg) message.request();
        return authCertReg(message, RequestSignature.sign(authKey, request.authCert().getPublicKey(),
                message.bytes()), owner);
    }

    /**
     * Reads a management request body with its Content-Type: {@code text/xml} for the unsigned
     * types, {@code multipart/related} for all (the unsigned types then have the SOAP part only).
     *
     * @throws org.sild.core.fault.XRoadException {@code InvalidMessage} beyond {@link #MAX_BYTES};
     *     {@code InvalidContentType} for another Content-Type or a part of the wrong type;
     *     {@code MimeParsingFailed} for broken MIME; {@code InvalidRequest} for a missing or surplus
     *     part, a signature part without {@code signature-algorithm-id} or an empty one;
     *     {@code UnsupportedAlgorithm}; {@code IncorrectCertificate} for a certificate part that is
     *     not one; {@code IOError} or {@code IncorrectValidationInfo} for a broken OCSP part;
     *     {@code CertValidation} when the authentication certificate part differs from the body's
     *     {@code authCert}; and whatever {@link ManagementMessage#parse} throws
     */
    public static ManagementPackage read(InputStream body, String contentType) {
        return PackageReader.read(EnvelopeXml.readBounded(body, "the management request"), contentType);
    }

    /** This request as an HTTP body with its Content-Type; a new boundary is drawn from {@code random}. */
    public Encoded encode(Random random) {
        if (!message.type().isSigned()) {
            return new Encoded(EnvelopeXml.TEXT_XML, message.bytes());
        }
        String boundary = MultipartWriter.newBoundary("mgmt", random);
        var out = new ByteArrayOutputStream(8192);
        var writer = new MultipartWriter(out, boundary);
        writer.part(MimeHeaders.of("Content-Type", EnvelopeXml.TEXT_XML), message.bytes());
        authSignature.ifPresent(s -> writer.part(signatureHeaders(s), s.value()));
        MemberSignature member = memberSignature.orElseThrow();
        writer.part(signatureHeaders(member.signature()), member.signature().value());
        if (message.request() instanceof ManagementRequest.AuthCertReg r) {
            writer.part(MimeHeaders.of("Content-Type", OCTET_STREAM), Certificates.encoded(r.authCert()));
        }
        writer.part(MimeHeaders.of("Content-Type", OCTET_STREAM), Certificates.encoded(member.certificate()));
        writer.part(MimeHeaders.of("Content-Type", OCTET_STREAM), member.ocspResponse().encoded());
        writer.finish();
        ContentType type = ContentType.of(MULTIPART_RELATED).withParameter("type", "text/xml")
                .withParameter("charset", "UTF-8").withParameter("boundary", boundary);
        return new Encoded(type.toString(), out.toByteArray());
    }

    private static MimeHeaders signatureHeaders(RequestSignature signature) {
        return MimeHeaders.of("Content-Type", OCTET_STREAM, SIGNATURE_ALGORITHM_ID, signature.algorithmId());
    }

    /** An encoded request: the HTTP Content-Type and body. Immutable. */
    public record Encoded(String contentType, byte[] body) {

        public Encoded {
            Objects.requireNonNull(contentType, "contentType");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Encoded e && contentType.equals(e.contentType) && Arrays.equals(body, e.body);
        }

        @Override
        public int hashCode() {
            return 31 * contentType.hashCode() + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Encoded[" + contentType + ", " + body.length + " bytes]";
        }
    }
}
