package org.sild.core.signature;

/** The names and fixed values of X-Road's XAdES profile ("Profile for High Performance Digital Signatures"). */
final class Xades {

    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    static final String XADES = "http://uri.etsi.org/01903/v1.3.2#";
    static final String ASIC = "http://uri.etsi.org/02918/v1.2.1#";
    /** The wrapper namespace of signatures made before X-Road 7. */
    static final String ASIC_OLD = "http://uri.etsi.org/02918/v1.1.1#";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    static final String SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties";

    static final String SIGNATURE_ID = "signature";
    static final String SIGNATURE_VALUE_ID = "signature-value";
    static final String SIGNED_PROPERTIES_ID = "signed-properties";
    static final String REFERENCE_ID = "signature-reference-";
    static final String OCSP_RESPONSE_ID = "ocsp-response-";
    static final String ENCAPSULATED_CERT_ID = "encapsulated-cert-";
    static final String COMPLETE_CERTIFICATE_REFS_ID = "complete-certificate-refs";

    static final String POLICY_IDENTIFIER = "urn:oid:1.3.6.1.4.1.3516.16.2";
    static final String POLICY_QUALIFIER = "OIDAsURN";
    static final String POLICY_DESCRIPTION = "Profile for High Performance Digital Signatures (version 1.2)";
    /** SHA-512 of the policy document. */
    static final String POLICY_SHA512 =
            "BuO0EDNfkxSVlUbxCzmQPzX1AUF1/xx9ytWHk3/6SAOePxQiniEfDYk+90QeYb3lWpV3Izhuz9fKaYyE+lTcXw==";
    static final String POLICY_SPURI = "https://repo.cyber.ee/dsig-profile-1.2.pdf";

    static final String MIME_TEXT_XML = "text/xml";
    static final String MIME_HASH_CHAIN_RESULT = "application/hash-chain-result";

    private Xades() {
    }
}
