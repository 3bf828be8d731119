package org.sild.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Subject names in the shapes of X-Road's certificate profiles, so that tests exercise the same
 * decoding a security server applies to real certificates.
 *
 * <p>The profiles are those named in shared parameters {@code approvedCA/certificateProfileInfo}:
 * <ul>
 *   <li>EJBCA ({@code EjbcaCertificateProfileInfoProvider}, X-Road's default): signing
 *       {@code C=instance, O=memberClass, CN=memberCode}; authentication {@code C=instance, CN=serverCode}.</li>
 *   <li>Basic ({@code BasicCertificateProfileInfoProvider}): signing {@code C=country, O=memberName,
 *       CN=memberName, serialNumber=memberCode, businessCategory=memberClass}; authentication
 *       {@code C=country, O=memberName, CN=serverDnsName, serialNumber=memberCode}.</li>
 *   <li>FiVRK ({@code FiVRKCertificateProfileInfoProvider}): signing {@code C=FI, O=organisation,
 *       serialNumber=instance/serverCode/memberClass, CN=memberCode}; authentication {@code C=FI,
 *       O=organisation, serialNumber=instance/serverCode/memberClass, CN=serverDnsName}.</li>
 * </ul>
 * Attribute values use the encodings of Bouncy Castle's default style (PrintableString for
 * {@code C} and {@code serialNumber}, UTF8String otherwise), as CAs commonly issue them.
 * Stateless and thread-safe.
 */
public final class SubjectNames {

    private SubjectNames() {
    }

    /** EJBCA-profile signing certificate subject: {@code C=instance, O=memberClass, CN=memberCode}. */
    public static X500Principal ejbcaSigning(String instance, String memberClass, String memberCode) {
        return build(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, instance)
                .addRDN(BCStyle.O, memberClass)
                .addRDN(BCStyle.CN, memberCode));
    }

    /** EJBCA-profile authentication certificate subject: {@code C=instance, CN=serverCode}. */
    public static X500Principal ejbcaAuth(String instance, String serverCode) {
        return build(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, instance)
                .addRDN(BCStyle.CN, serverCode));
    }

    /**
     * Basic-profile signing certificate subject: {@code C=country, O=memberName, CN=memberName,
     * serialNumber=memberCode, businessCategory=memberClass}.
     */
    public static X500Principal basicSigning(String country, String memberName, String memberClass,
            String memberCode) {
        return build(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, country)
                .addRDN(BCStyle.O, memberName)
                .addRDN(BCStyle.BUSINESS_CATEGORY, memberClass)
                .addRDN(BCStyle.SERIALNUMBER, memberCode)
                .addRDN(BCStyle.CN, memberName));
    }

    /** Basic-profile authentication certificate subject: {@code C, O=memberName, serialNumber=memberCode, CN=dns}. */
    public static X500Principal basicAuth(String country, String memberName, String memberCode,
            String serverDnsName) {
        return build(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, country)
                .addRDN(BCStyle.O, memberName)
                .addRDN(BCStyle.SERIALNUMBER, memberCode)
                .addRDN(BCStyle.CN, serverDnsName));
    }

    /**
     * FiVRK-profile signing certificate subject: {@code C=FI, O=organisation,
     * serialNumber=instance/serverCode/memberClass, CN=memberCode}.
     */
    public static X500Principal fivrkSigning(String instance, String serverCode, String memberClass,
            String memberCode, String organisation) {
        return build(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FI")
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.SERIALNUMBER, instance + "/" + serverCode + "/" + memberClass)
                .addRDN(BCStyle.CN, memberCode));
    }

    /**
     * FiVRK-profile authentication certificate subject: {@code C=FI, O=organisation,
     * serialNumber=instance/serverCode/memberClass, CN=serverDnsName}.
     */
    public static X500Principal fivrkAuth(String instance, String serverCode, String memberClass,
            String organisation, String serverDnsName) {
        return build(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FI")
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.SERIALNUMBER, instance + "/" + serverCode + "/" + memberClass)
                .addRDN(BCStyle.CN, serverDnsName));
    }

    /** A subject with a single common name, for CAs, responders and other service certificates. */
    public static X500Principal commonName(String commonName, String organisation) {
        return build(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "EE")
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName));
    }

    private static X500Principal build(X500NameBuilder builder) {
        try {
            return new X500Principal(builder.build().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
