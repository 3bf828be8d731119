package org.sild.core.signature;

import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.w3c.dom.Element;

/**
 * The XAdES qualifying properties of a signature: the signed ones (signing time, signing certificate
 * digest) and the unsigned ones (time-stamp, OCSP responses, extra certificates).
 */
record XadesProperties(Element signedProperties, String signedPropertiesId, Optional<Instant> signingTime,
                       Optional<CertDigest> signingCertificateDigest, Optional<byte[]> timeStamp,
                       List<byte[]> ocspResponses, List<X509Certificate> extraCertificates) {

    /** A {@code CertDigest}: digest method URI and value. */
    record CertDigest(String method, byte[] value) {
        boolean matches(X509Certificate certificate) {
            DigestAlgorithm algorithm = DigestAlgorithm.byUri(method).orElseThrow(() ->
                    XadesSignature.malformed("unsupported certificate digest method " + method));
            try {
                return MessageDigest.isEqual(algorithm.digest(certificate.getEncoded()), value);
            } catch (CertificateEncodingException e) {
                return false;
            }
        }
    }

    static XadesProperties read(Element signature) {
        Element qualifying = qualifyingProperties(signature);
        Element signed = Dom.required(qualifying, Xades.XADES, "SignedProperties");
        if (!signed.hasAttributeNS(null, "Id")) {
            throw XadesSignature.malformed("xades:SignedProperties has no Id");
        }
        Optional<Element> sigProps = Dom.optional(signed, Xades.XADES, "SignedSignatureProperties");
        Optional<Instant> signingTime = sigProps.flatMap(p -> Dom.optional(p, Xades.XADES, "SigningTime"))
                .map(e -> instant(e.getTextContent().strip()));
        Optional<CertDigest> certDigest = sigProps.flatMap(XadesProperties::signingCertificateDigest);

        Optional<Element> unsigned = Dom.optional(qualifying, Xades.XADES, "UnsignedProperties")
                .flatMap(u -> Dom.optional(u, Xades.XADES, "UnsignedSignatureProperties"));
        Optional<byte[]> timeStamp = unsigned.flatMap(u -> Dom.optional(u, Xades.XADES, "SignatureTimeStamp"))
                .map(XadesProperties::timeStamp);
        List<byte[]> ocsp = unsigned.map(XadesProperties::ocspResponses).orElse(List.of());
        List<X509Certificate> extra = unsigned.map(XadesProperties::extraCertificates).orElse(List.of());
        return new XadesProperties(signed, signed.getAttributeNS(null, "Id"), signingTime, certDigest, timeStamp,
                ocsp, extra);
    }

    private static Element qualifyingProperties(Element signature) {
        var found = new ArrayList<Element>();
        for (Element object : Dom.children(signature, Xades.DSIG, "Object")) {
            found.addAll(Dom.children(object, Xades.XADES, "QualifyingProperties"));
        }
        if (found.size() != 1) {
            throw XadesSignature.malformed("signature must have exactly one xades:QualifyingProperties, found "
                    + found.size());
        }
        return found.get(0);
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // xsd:dateTime without a zone: X-Road writes UTC.
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw XadesSignature.malformed("SigningTime '" + text + "' is not an xsd:dateTime");
            }
        }
    }

    private static Optional<CertDigest> signingCertificateDigest(Element sigProps) {
        Optional<Element> v1 = Dom.optional(sigProps, Xades.XADES, "SigningCertificate");
        Optional<Element> list = v1.isPresent() ? v1 : Dom.optional(sigProps, Xades.XADES, "SigningCertificateV2");
        return list.map(l -> certDigest(Dom.children(l, Xades.XADES, "Cert").stream().findFirst().orElseThrow(() ->
                XadesSignature.malformed("xades:SigningCertificate has no xades:Cert"))));
    }

    private static CertDigest certDigest(Element cert) {
        Element digest = Dom.required(cert, Xades.XADES, "CertDigest");
        return new CertDigest(Dom.required(digest, Xades.DSIG, "DigestMethod").getAttributeNS(null, "Algorithm"),
                Dom.base64(Dom.required(digest, Xades.DSIG, "DigestValue")));
    }

    /** X-Road 6+ wraps the token in EncapsulatedTimeStamp; the first versions put it directly in the element. */
    private static byte[] timeStamp(Element signatureTimeStamp) {
        return Dom.base64(Dom.optional(signatureTimeStamp, Xades.XADES, "EncapsulatedTimeStamp")
                .orElse(signatureTimeStamp));
    }

    private static List<byte[]> ocspResponses(Element unsigned) {
        var out = new ArrayList<byte[]>();
        Optional<Element> values = Dom.optional(unsigned, Xades.XADES, "RevocationValues")
                .flatMap(r -> Dom.optional(r, Xades.XADES, "OCSPValues"));
        for (Element value : values.map(v -> Dom.children(v, Xades.XADES, "EncapsulatedOCSPValue")).orElse(List.of())) {
            if (out.size() >= XadesSignature.MAX_ITEMS) {
                throw XadesSignature.malformed("more than " + XadesSignature.MAX_ITEMS + " OCSP responses");
            }
            out.add(Dom.base64(value));
        }
        return List.copyOf(out);
    }

    /** The certificates named by CompleteCertificateRefs, found by Id in CertificateValues, digests checked. */
    private static List<X509Certificate> extraCertificates(Element unsigned) {
        Optional<Element> refs = Dom.optional(unsigned, Xades.XADES, "CompleteCertificateRefs")
                .flatMap(r -> Dom.optional(r, Xades.XADES, "CertRefs"));
        if (refs.isEmpty()) {
            return List.of();
        }
        Map<String, Element> values = new HashMap<>();
        Dom.optional(unsigned, Xades.XADES, "CertificateValues").ifPresent(v -> {
            for (Element e : Dom.children(v, Xades.XADES, "EncapsulatedX509Certificate")) {
                values.put(e.getAttributeNS(null, "Id"), e);
            }
        });
        var out = new ArrayList<X509Certificate>();
        for (Element cert : Dom.children(refs.get(), Xades.XADES, "Cert")) {
            if (out.size() >= XadesSignature.MAX_ITEMS) {
                throw XadesSignature.malformed("more than " + XadesSignature.MAX_ITEMS + " extra certificates");
            }
            String uri = cert.getAttributeNS(null, "URI");
            if (!uri.startsWith("#") || !values.containsKey(uri.substring(1))) {
                throw XadesSignature.malformed("could not find the certificate " + uri);
            }
            X509Certificate x509 = XadesSignature.certificate(Dom.base64(values.get(uri.substring(1))), uri);
            if (!certDigest(cert).matches(x509)) {
                throw XadesSignature.malformed("certificate " + uri + " (serial " + x509.getSerialNumber()
                        + ") does not match its digest");
            }
            out.add(x509);
        }
        return List.copyOf(out);
    }
}
