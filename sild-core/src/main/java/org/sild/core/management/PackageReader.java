package org.sild.core.management;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.BodyPart;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartLimits;
import org.sild.core.multipart.MultipartReader;
import org.sild.core.pki.Certificates;
import org.sild.core.pki.OcspResponse;

/** Reads a {@link ManagementPackage} from a body already bounded in memory. */
final class PackageReader {

    /** SOAP part plus the most parts a request has ({@code authCertReg}: five), plus one to detect surplus. */
    private static final MultipartLimits LIMITS = new MultipartLimits(
            MultipartLimits.DEFAULTS.maxHeaderLineLength(), 20, 7);

    private record Part(MimeHeaders headers, byte[] body) {
    }

    private PackageReader() {
    }

    static ManagementPackage read(byte[] body, String contentType) {
        ContentType type = ContentType.parse(contentType);
        if (type.is("text/xml")) {
            ManagementMessage message = ManagementMessage.parse(body, contentType);
            if (message.type().isSigned()) {
                throw invalid(message.type().serviceCode() + " must be sent as " + ManagementPackage.MULTIPART_RELATED
                        + " with its signature, certificate and OCSP parts; it came as text/xml");
            }
            return ManagementPackage.unsigned(message);
        }
        if (!type.is(ManagementPackage.MULTIPART_RELATED)) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, "invalid content type '" + type.mediaType()
                    + "' of a management request (expected text/xml or multipart/related)");
        }
        MultipartReader reader = MultipartReader.of(new ByteArrayInputStream(body), type, LIMITS);
        BodyPart soapPart = reader.next().orElseThrow(() -> invalid("the request contains no SOAP message"));
        String soapType = soapPart.headers().first("Content-Type").orElseThrow(() -> new XRoadException(
                ErrorCode.INVALID_CONTENT_TYPE, "the SOAP part (the first MIME part) has no Content-Type"));
        if (!ContentType.parse(soapType).is("text/xml")) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, "the SOAP part has content type '"
                    + soapType + "', expected text/xml");
        }
        ManagementMessage message = ManagementMessage.parse(bytes(soapPart), soapType);
        var parts = new ArrayList<Part>();
        for (Optional<BodyPart> p = reader.next(); p.isPresent(); p = reader.next()) {
            parts.add(new Part(p.get().headers(), bytes(p.get())));
        }
        return assemble(message, parts);
    }

    private static ManagementPackage assemble(ManagementMessage message, List<Part> parts) {
        ManagementRequestType type = message.type();
        List<String> names = type.hasAuthSignature()
                ? List.of("auth signature", "owner signature", "auth certificate", "owner certificate",
                        "owner certificate OCSP response")
                : type.isSigned() ? List.of("client signature", "client certificate", "client certificate OCSP response")
                : List.of();
        if (parts.size() < names.size()) {
            throw invalid(type.serviceCode() + " request: the " + names.get(parts.size()) + " part is missing");
        }
        if (parts.size() > names.size()) {
            throw invalid(type.serviceCode() + " request has an unexpected MIME part " + (names.size() + 2)
                    + " (expected " + (names.size() + 1) + " parts)");
        }
        for (int i = 0; i < parts.size(); i++) {
            requireBinary(parts.get(i), names.get(i));
        }
        if (!type.isSigned()) {
            return ManagementPackage.unsigned(message);
        }
        int next = 0;
        Optional<RequestSignature> auth = Optional.empty();
        if (type.hasAuthSignature()) {
            auth = Optional.of(signature(parts.get(next), names.get(next)));
            next++;
        }
        RequestSignature member = signature(parts.get(next), names.get(next));
        next++;
        if (message.request() instanceof ManagementRequest.AuthCertReg r) {
            X509Certificate authCert = certificate(parts.get(next), names.get(next));
            next++;
            if (!authCert.equals(r.authCert())) {
                throw new XRoadException(ErrorCode.CERT_VALIDATION,
                        "Authentication certificates do not match: the auth certificate part is not the request's authCert");
            }
        }
        X509Certificate certificate = certificate(parts.get(next), names.get(next));
        next++;
        OcspResponse ocsp = OcspResponse.parse(nonEmpty(parts.get(next), names.get(next)));
        return new ManagementPackage(message, auth, Optional.of(new MemberSignature(member, certificate, ocsp)));
    }

    private static RequestSignature signature(Part part, String name) {
        String id = part.headers().first(ManagementPackage.SIGNATURE_ALGORITHM_ID).orElseThrow(() -> invalid(
                "the " + name + " part has no " + ManagementPackage.SIGNATURE_ALGORITHM_ID + " header"));
        return new RequestSignature(RequestSignature.algorithmOf(id), nonEmpty(part, name));
    }

    private static X509Certificate certificate(Part part, String name) {
        try {
            return Certificates.parseDer(nonEmpty(part, name));
        } catch (XRoadException e) {
            throw new XRoadException(e.code(), "the " + name + " part: " + e.getMessage(), e);
        }
    }

    private static byte[] nonEmpty(Part part, String name) {
        if (part.body().length == 0) {
            throw invalid("the " + name + " part is empty");
        }
        return part.body();
    }

    private static void requireBinary(Part part, String name) {
        String type = part.headers().first("Content-Type").orElse("(none)");
        if (!type.equals("(none)") && ContentType.parse(type).is(ManagementPackage.OCTET_STREAM)) {
            return;
        }
        throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, "the " + name + " part has content type '" + type
                + "', expected " + ManagementPackage.OCTET_STREAM);
    }

    private static byte[] bytes(BodyPart part) {
        try {
            return part.body().readAllBytes();
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read MIME part " + (part.index() + 1) + ": "
                    + e.getMessage(), e);
        }
    }

    private static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.INVALID_REQUEST, message);
    }
}
