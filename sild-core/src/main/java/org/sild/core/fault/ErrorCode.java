package org.sild.core.fault;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of X-Road fault code segments: origins ({@code Server}), components
 * ({@code ClientProxy}), categories ({@code ServiceFailed}) and codes ({@code AccessDenied}).
 *
 * <p>Each entry knows its classic spelling and its X-Road 7.8 spelling. The 7.8 spelling is the
 * mechanical snake case of the classic one except where X-Road chose otherwise; those exceptions
 * are spelled out here. Some codes have extra spellings that X-Road also emits; they are accepted
 * on input and never written.
 */
public enum ErrorCode {
    // Origins and components: lower case without separators in 7.8.
    CLIENT("Client", "client"),
    SERVER("Server", "server"),
    SIGNER("Signer", "signer"),
    CLIENT_PROXY("ClientProxy", "clientproxy"),
    SERVER_PROXY("ServerProxy", "serverproxy"),
    OP_MONITOR("OpMonitor", "opmonitor"),

    // Generic.
    IO_ERROR("IOError", "io_error"),
    NETWORK_ERROR("NetworkError"),
    INTERNAL_ERROR("InternalError"),
    BAD_REQUEST("BadRequest"),
    NOT_FOUND("NotFound"),
    HTTP_ERROR("HttpError"),
    DATABASE_ERROR("DatabaseError"),
    INVALID_RESPONSE("InvalidResponse"),
    INVALID_REQUEST("InvalidRequest"),
    UNKNOWN_HOST("UnknownHost"),

    // Verification.
    CANNOT_CREATE_SIGNATURE("CannotCreateSignature"),
    CERT_VALIDATION("CertValidation"),
    MISSING_VALIDATION_INFO("MissingValidationInfo"),
    INCORRECT_VALIDATION_INFO("IncorrectValidationInfo"),
    CANNOT_CREATE_CERT_PATH("CannotCreateCertPath"),
    CERT_VALIDITY_TIME("CertValidityTime"),
    INCORRECT_CERTIFICATE("IncorrectCertificate"),
    UNSUPPORTED_ALGORITHM("UnsupportedAlgorithm"),
    INVALID_SIGNATURE_VALUE("InvalidSignatureValue"),
    MALFORMED_SIGNATURE("MalformedSignature"),
    INVALID_XML("InvalidXml"),
    INVALID_REFERENCE("InvalidReference"),
    INVALID_CERT_PATH("InvalidCertPath"),
    SIGNATURE_VERIFICATION("SignatureVerification"),
    MALFORMED_SOAP("MalformedSoap"),
    TIMESTAMP_VALIDATION("TimestampValidation"),
    INVALID_HASH_CHAIN("InvalidHashChain"),
    MALFORMED_HASH_CHAIN("MalformedHashChain"),
    HASH_CHAIN_UNUSED_INPUTS("HashChainUnusedInputs", "hashchain_unused_inputs"),
    INVALID_HASH_CHAIN_REF("InvalidHashChainRef"),
    INVALID_ENCODED_ID("InvalidEncodedId"),

    // Message processing.
    SSL_AUTHENTICATION_FAILED("SslAuthenticationFailed", "ssl_authentication_failed", "ssl_auth_failed"),
    LOGGING_FAILED("LoggingFailed"),
    TIMESTAMPING_FAILED("TimestampingFailed"),
    INVALID_CONTENT_TYPE("InvalidContentType"),
    INVALID_SOAP_ACTION("InvalidSoapAction"),
    INVALID_HTTP_METHOD("InvalidHttpMethod"),
    INVALID_MESSAGE("InvalidMessage"),
    INVALID_SECURITY_SERVER("InvalidSecurityServer"),
    MIME_PARSING_FAILED("MimeParsingFailed"),
    MISSING_HEADER("MissingHeader"),
    MISSING_HEADER_FIELD("MissingHeaderField"),
    DUPLICATE_HEADER_FIELD("DuplicateHeaderField"),
    MISSING_BODY("MissingBody"),
    INVALID_BODY("InvalidBody"),
    INCONSISTENT_HEADERS("InconsistentHeaders"),
    INCONSISTENT_RESPONSE("InconsistentResponse"),
    MISSING_SOAP("MissingSoap"),
    INVALID_SOAP("InvalidSoap"),
    MISSING_REST("MissingRest"),
    INVALID_REST("InvalidRest"),
    ACCESS_DENIED("AccessDenied"),
    SERVICE_DISABLED("ServiceDisabled"),
    SERVICE_FAILED("ServiceFailed"),
    MISSING_SIGNATURE("MissingSignature"),
    UNKNOWN_SERVICE("UnknownService"),
    INVALID_PROTOCOL_VERSION("InvalidProtocolVersion"),
    INVALID_CLIENT_IDENTIFIER("InvalidClientIdentifier"),
    SERVICE_TYPE("ServiceType"),
    INVALID_SERVICE_TYPE("InvalidServiceType"),
    CLIENT_PROXY_VERSION_NOT_SUPPORTED("ClientProxyVersionNotSupported"),

    // ASiC containers.
    ASIC_INVALID_CONTAINER("AsicInvalidContainer"),
    ASIC_MIME_TYPE_NOT_FOUND("AsicMimeTypeNotFound"),
    ASIC_SIGNATURE_NOT_FOUND("AsicSignatureNotFound"),
    ASIC_MESSAGE_NOT_FOUND("AsicMessageNotFound"),
    ASIC_INVALID_MIME_TYPE("AsicInvalidMimeType"),
    ASIC_HASH_CHAIN_RESULT_NOT_FOUND("AsicHashChainResultNotFound"),
    ASIC_HASH_CHAIN_NOT_FOUND("AsicHashChainNotFound"),
    ASIC_TIMESTAMP_NOT_FOUND("AsicTimestampNotFound"),
    ASIC_MANIFEST_NOT_FOUND("AsicManifestNotFound"),

    // Configuration.
    UNKNOWN_MEMBER("UnknownMember"),
    MALFORMED_SERVER_CONF("MalformedServerConf"),
    MALFORMED_GLOBAL_CONF("MalformedGlobalConf"),
    MALFORMED_OPTIONAL_PARTS_CONF("MalformedOptionalPartsConf"),
    OUTDATED_GLOBAL_CONF("OutdatedGlobalConf", "global_conf_outdated", "outdated_global_conf"),
    GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE("GlobalConfSignatureVerificationFailure"),
    GLOBAL_CONF_MISSING_VERIFICATION_CERT("GlobalConfMissingVerificationCert"),
    GLOBAL_CONF_HEADER_FIELD_MISSING("GlobalConfHeaderFieldMissing"),
    GLOBAL_CONF_MISSING_SIGNED_DATA_EXPIRATION_DATE("GlobalConfMissingSignedDataExpirationDate"),
    GLOBAL_CONF_PART_DOWNLOADED_FILE_INTEGRITY_FAILURE("GlobalConfPartDownloadedFileIntegrityFailure"),
    MALFORMED_ANCHOR("MalformedAnchor"),
    SERVICE_MISSING_URL("ServiceMissingUrl"),
    SERVICE_MALFORMED_URL("ServiceMalformedUrl"),
    HSM_NON_OPERATIONAL("HSMNonOperational", "hsm_non_operational"),
    MAINTENANCE_MODE("MaintenanceMode"),

    // Signer.
    KEY_NOT_FOUND("KeyNotFound"),
    KEY_NOT_AVAILABLE("KeyNotAvailable"),
    CERT_NOT_FOUND("CertNotFound"),
    TOKEN_NOT_FOUND("TokenNotFound"),
    TOKEN_NOT_ACTIVE("TokenNotActive"),
    CANNOT_SIGN("CannotSign"),
    UNSUPPORTED_SIGN_ALGORITHM("UnsupportedSignAlgorithm"),
    CSR_FAILED("FailedToGenerateCertificateRequest"),
    CANNOT_GET_MEMBER_ID_FROM_CERTIFICATE("CannotGetMemberIdFromCertificate"),
    WRONG_CERT_USAGE("WrongCertUsage"),
    PIN_INCORRECT("PinIncorrect"),

    // Message log.
    TIMESTAMPER_FAILED("TimestamperFailed"),
    INVALID_LOG_ARCHIVE("InvalidLogArchive");

    private static final Map<String, ErrorCode> BY_SPELLING = new HashMap<>();

    static {
        for (ErrorCode code : values()) {
            BY_SPELLING.put(code.classic.toLowerCase(Locale.ROOT), code);
            for (String spelling : code.snakeCase) {
                BY_SPELLING.putIfAbsent(spelling, code);
            }
        }
    }

    private final String classic;
    private final List<String> snakeCase;

    ErrorCode(String classic) {
        this(classic, snakeCaseOf(classic));
    }

    ErrorCode(String classic, String snakeCase, String... otherSpellings) {
        this.classic = classic;
        this.snakeCase = concat(snakeCase, otherSpellings);
    }

    /** The classic spelling, for example {@code AccessDenied}. */
    public String classic() {
        return classic;
    }

    /** The X-Road 7.8 spelling, for example {@code access_denied}. */
    public String snakeCase() {
        return snakeCase.get(0);
    }

    /** This segment spelled in {@code style}. */
    public String spelled(FaultStyle style) {
        return style == FaultStyle.CLASSIC ? classic : snakeCase();
    }

    /** The entry spelled {@code segment} in either style (case-insensitive), if any. */
    public static Optional<ErrorCode> bySpelling(String segment) {
        return Optional.ofNullable(BY_SPELLING.get(segment.toLowerCase(Locale.ROOT)));
    }

    /** {@code InvalidSignatureValue} → {@code invalid_signature_value}; runs of capitals stay one word. */
    static String snakeCaseOf(String camel) {
        var out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean upper = Character.isUpperCase(c);
            if (upper && i > 0) {
                boolean prevLower = Character.isLowerCase(camel.charAt(i - 1));
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                boolean prevUpper = Character.isUpperCase(camel.charAt(i - 1));
                if (prevLower || (prevUpper && nextLower)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static List<String> concat(String first, String... rest) {
        var all = new java.util.ArrayList<String>(rest.length + 1);
        all.add(first);
        all.addAll(List.of(rest));
        return List.copyOf(all);
    }
}
