package org.sild.core.transport;

/** The media types of transport message parts (PR-MESSTRANSP §3.1). */
final class PartTypes {

    static final String OCSP_RESPONSE = "application/ocsp-response";
    static final String TEXT_XML = "text/xml";
    static final String XOP_XML = "application/xop+xml";
    static final String MULTIPART_MIXED = "multipart/mixed";
    static final String MULTIPART_RELATED = "multipart/related";
    static final String REST_REQUEST = "application/x-road-rest-request";
    static final String REST_RESPONSE = "application/x-road-rest-response";
    static final String REST_BODY = "application/x-road-rest-body";
    static final String HASH_CHAIN_RESULT = "application/hash-chain-result";
    static final String HASH_CHAIN = "application/hash-chain";
    static final String SIGNATURE = "signature/bdoc-1.0/ts";
    /** The content type of a SOAP fault part and of a fault-only body. */
    static final String TEXT_XML_UTF8 = "text/xml; charset=UTF-8";

    private PartTypes() {
    }
}
