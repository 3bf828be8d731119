package org.sild.core.signature;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;

/** The attributes of a certificate's subject name, read the way X-Road's certificate profiles read them. */
final class SubjectName {

    static final ASN1ObjectIdentifier C = new ASN1ObjectIdentifier("2.5.4.6");
    static final ASN1ObjectIdentifier O = new ASN1ObjectIdentifier("2.5.4.10");
    static final ASN1ObjectIdentifier OU = new ASN1ObjectIdentifier("2.5.4.11");
    static final ASN1ObjectIdentifier CN = new ASN1ObjectIdentifier("2.5.4.3");
    static final ASN1ObjectIdentifier SERIAL_NUMBER = new ASN1ObjectIdentifier("2.5.4.5");
    static final ASN1ObjectIdentifier BUSINESS_CATEGORY = new ASN1ObjectIdentifier("2.5.4.15");
    static final ASN1ObjectIdentifier ORGANIZATION_IDENTIFIER = new ASN1ObjectIdentifier("2.5.4.97");

    private final X500Name name;

    private SubjectName(X500Name name) {
        this.name = name;
    }

    static SubjectName of(X509Certificate certificate) {
        return new SubjectName(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
    }

    /**
     * The value of attribute {@code type}. When it occurs more than once, X-Road (which parses the RFC 2253
     * string, most specific RDN first) takes the last one in encoding order; so do we.
     */
    Optional<String> get(ASN1ObjectIdentifier type) {
        Optional<String> found = Optional.empty();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(type)) {
                    found = Optional.of(text(atv.getValue()));
                }
            }
        }
        return found;
    }

    /** The value of {@code type}, or {@code IncorrectCertificate} saying the subject lacks {@code what}. */
    String require(ASN1ObjectIdentifier type, String what) {
        return get(type).filter(v -> !v.isEmpty()).orElseThrow(() ->
                incorrect("Certificate subject name does not contain " + what));
    }

    private static String text(ASN1Encodable value) {
        if (value instanceof ASN1String s) {
            return s.getString();
        }
        throw incorrect("Certificate subject name has a non-string attribute value");
    }

    static MemberId member(String instance, String memberClass, String memberCode) {
        try {
            return new MemberId(instance, memberClass, memberCode);
        } catch (XRoadException e) {
            throw incorrect("Certificate subject name does not encode a valid member: " + e.getMessage());
        }
    }

    static XRoadException incorrect(String message) {
        return new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, message);
    }

    @Override
    public String toString() {
        return name.toString();
    }
}
