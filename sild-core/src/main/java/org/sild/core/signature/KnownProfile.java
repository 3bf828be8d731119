package org.sild.core.signature;

import java.security.cert.X509Certificate;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;

/** X-Road's signing certificate profiles, keyed by the class name shared parameters use for them. */
enum KnownProfile implements CertificateProfile {

    /** EJBCA (X-Road's default): C = instance, O = member class, CN = member code. */
    EJBCA("EjbcaCertificateProfileInfoProvider") {
        @Override
        public MemberId signerOf(X509Certificate certificate, ClientId expected) {
            return countryOrganizationCommonName(SubjectName.of(certificate));
        }
    },

    /** Basic: businessCategory = member class, serialNumber = member code; instance of the expected signer. */
    BASIC("BasicCertificateProfileInfoProvider") {
        @Override
        public MemberId signerOf(X509Certificate certificate, ClientId expected) {
            SubjectName s = SubjectName.of(certificate);
            return SubjectName.member(expected.instance(),
                    s.require(SubjectName.BUSINESS_CATEGORY, "business category"),
                    s.require(SubjectName.SERIAL_NUMBER, "serial number"));
        }
    },

    /** Basic ACME: the signing certificate reads as Basic. */
    BASIC_ACME("BasicACMECertificateProfileInfoProvider") {
        @Override
        public MemberId signerOf(X509Certificate certificate, ClientId expected) {
            return BASIC.signerOf(certificate, expected);
        }
    },

    /**
     * Finland: C = FI, O present, CN = member code, serialNumber = instance/serverCode/memberClass; legacy
     * names without serialNumber use O = instance, OU = class, CN = code; names with neither read as EJBCA.
     */
    FI_VRK("FiVRKCertificateProfileInfoProvider") {
        @Override
        public MemberId signerOf(X509Certificate certificate, ClientId expected) {
            SubjectName s = SubjectName.of(certificate);
            if (s.get(SubjectName.SERIAL_NUMBER).isEmpty()) {
                if (s.get(SubjectName.OU).isEmpty()) {
                    return countryOrganizationCommonName(s);
                }
                requireCountry(s, "FI");
                return SubjectName.member(s.require(SubjectName.O, "organization"),
                        s.require(SubjectName.OU, "organization unit"), s.require(SubjectName.CN, "common name"));
            }
            requireCountry(s, "FI");
            s.require(SubjectName.O, "organization");
            String code = s.require(SubjectName.CN, "common name");
            String[] parts = s.require(SubjectName.SERIAL_NUMBER, "serial number").split("/", -1);
            if (parts.length != 3) {
                throw SubjectName.incorrect("Certificate subject name's attribute serialNumber has invalid value");
            }
            return SubjectName.member(parts[0], parts[2], code);
        }
    },

    /** Faroe Islands: C = FO, O = instance, OU = member class, CN = member code, serialNumber present. */
    FO("FoCertificateProfileInfoProvider") {
        @Override
        public MemberId signerOf(X509Certificate certificate, ClientId expected) {
            return instanceClassCodeWithServer(SubjectName.of(certificate), "FO");
        }
    },

    /** Iceland: as the Faroe Islands with C = IS; names with neither serialNumber nor OU read as EJBCA. */
    IS("IsCertificateProfileInfoProvider") {
        @Override
        public MemberId signerOf(X509Certificate certificate, ClientId expected) {
            SubjectName s = SubjectName.of(certificate);
            if (s.get(SubjectName.SERIAL_NUMBER).isEmpty() && s.get(SubjectName.OU).isEmpty()) {
                return countryOrganizationCommonName(s);
            }
            return instanceClassCodeWithServer(s, "IS");
        }
    },

    /** SK ESTEID (personal ID cards): member class PERSON, member code = serialNumber. */
    SK_ESTEID("SkEsteIdCertificateProfileInfoProvider") {
        @Override
        public MemberId signerOf(X509Certificate certificate, ClientId expected) {
            String serial = SubjectName.of(certificate).get(SubjectName.SERIAL_NUMBER).filter(v -> !v.isEmpty())
                    .orElseThrow(() -> SubjectName.incorrect("Subject name does not contain serial number"));
            return SubjectName.member(expected.instance(), "PERSON", serial);
        }
    },

    /**
     * SK Klass 3 (Estonian organisation certificates): organizationIdentifier NTREE-/GO:EE-/NP:EE- gives
     * COM/GOV/NGO and the register code, any other identifier is NEE with the whole identifier; without
     * one, an 8-digit serialNumber whose first digit gives the class (1–6 COM, 7 GOV, 8–9 NGO).
     */
    SK_KLASS3("SkKlass3CertificateProfileInfoProvider") {
        @Override
        public MemberId signerOf(X509Certificate certificate, ClientId expected) {
            SubjectName s = SubjectName.of(certificate);
            String instance = expected.instance();
            var orgId = s.get(SubjectName.ORGANIZATION_IDENTIFIER).filter(v -> !v.isEmpty());
            if (orgId.isPresent()) {
                String id = orgId.get();
                if (id.startsWith("NTREE-")) {
                    return SubjectName.member(instance, "COM", id.substring(6));
                } else if (id.startsWith("GO:EE-")) {
                    return SubjectName.member(instance, "GOV", id.substring(6));
                } else if (id.startsWith("NP:EE-")) {
                    return SubjectName.member(instance, "NGO", id.substring(6));
                }
                return SubjectName.member(instance, "NEE", id);
            }
            String serial = s.get(SubjectName.SERIAL_NUMBER).filter(v -> !v.isEmpty())
                    .orElseThrow(() -> SubjectName.incorrect("Subject name does not contain serial number"));
            if (!serial.chars().allMatch(Character::isDigit)) {
                throw SubjectName.incorrect("Serial number is not an integer");
            }
            if (serial.length() != 8) {
                throw SubjectName.incorrect("Serial number must be 8 digits long");
            }
            String memberClass = switch (serial.charAt(0)) {
                case '1', '2', '3', '4', '5', '6' -> "COM";
                case '7' -> "GOV";
                case '8', '9' -> "NGO";
                default -> throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Malformed serial number: " + serial);
            };
            return SubjectName.member(instance, memberClass, serial);
        }
    };

    static final String PACKAGE = "ee.ria.xroad.common.certificateprofile.impl.";

    private final String className;

    KnownProfile(String simpleName) {
        this.className = PACKAGE + simpleName;
    }

    /** The fully qualified class name shared parameters use. */
    String className() {
        return className;
    }

    private static MemberId countryOrganizationCommonName(SubjectName s) {
        String c = s.require(SubjectName.C, "country code");
        String o = s.require(SubjectName.O, "organization");
        String cn = s.require(SubjectName.CN, "common name");
        return SubjectName.member(c, o, cn);
    }

    private static void requireCountry(SubjectName s, String country) {
        if (!country.equals(s.get(SubjectName.C).orElse(""))) {
            throw SubjectName.incorrect("Certificate subject name does not contain valid country code");
        }
    }

    private static MemberId instanceClassCodeWithServer(SubjectName s, String country) {
        requireCountry(s, country);
        String instance = s.require(SubjectName.O, "organization");
        String memberClass = s.require(SubjectName.OU, "organization unit");
        String code = s.require(SubjectName.CN, "common name");
        s.require(SubjectName.SERIAL_NUMBER, "serial number");
        return SubjectName.member(instance, memberClass, code);
    }
}
