package org.sild.securityserver.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.ObjectType;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadId;
import org.sild.core.id.XRoadIds;
import org.sild.core.pki.Certificates;
import org.sild.core.pki.Pem;
import org.sild.runtime.http.ApiHandler;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.securityserver.description.InvalidDescriptionException;
import org.sild.securityserver.serverconf.LocalConfException;
import org.sild.securityserver.serverconf.ServerConfStore;

/**
 * Reading admin API requests: identifiers in URLs and bodies, required fields, enums, and the JSON
 * error answer that names the field.
 *
 * <p>In URL paths a client is written in X-Road's colon form, one path segment:
 * {@code DEV:GOV:70000001:registry}. In JSON bodies every identifier is in its path form
 * ({@code DEV/GOV/70000001/registry}, see {@link XRoadIds}).
 */
final class AdminRequests {

    private AdminRequests() {
    }

    /** The JSON error body: the runtime's shape plus the field. */
    record ErrorBody(int status, Error error) {
        /** {@code problems}: the validation report of a refused WSDL or OpenAPI document. */
        record Error(String code, String message, Optional<String> field, Optional<List<String>> problems) {
        }
    }

    /** Wraps a handler so that refused changes and field errors answer with the field named. */
    static ApiHandler answering(ApiHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (FieldException e) {
                return error(e.status(), e.errorCode(), e.getMessage(), Optional.of(e.field()));
            } catch (InvalidDescriptionException e) {
                return ApiResponse.json(400, new ErrorBody(400, new ErrorBody.Error("invalid_description",
                        e.getMessage(), Optional.of("url"), Optional.of(e.problems()))));
            } catch (LocalConfException e) {
                return switch (e.reason()) {
                    case INVALID -> error(400, "invalid_value", e.getMessage(), e.field());
                    case NOT_FOUND -> error(404, "not_found", e.getMessage(), e.field());
                    case CONFLICT -> error(409, "conflict", e.getMessage(), e.field());
                };
            }
        };
    }

    static ApiResponse error(int status, String code, String message, Optional<String> field) {
        return ApiResponse.json(status, new ErrorBody(status, new ErrorBody.Error(code, message, field,
                Optional.empty())));
    }

    /** The client in path variable {@code {client}}, in colon form. */
    static ClientId client(ApiRequest request) {
        String value = request.pathVariable("client");
        String[] parts = value.split(":", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new FieldException(400, "invalid_value", "client", "client '" + value
                    + "' in the URL must be INSTANCE:CLASS:MEMBER[:SUBSYSTEM]");
        }
        return id("client", () -> XRoadIds.parseClientPath(String.join("/", List.of(parts).stream()
                .map(XRoadIds::percentEncode).toList())));
    }

    /** The client in path variable {@code {client}}, which must be hosted here (else 404). */
    static ClientId hostedClient(ServerConfStore store, ApiRequest request) {
        ClientId id = client(request);
        if (store.clients().get(id).isEmpty()) {
            throw new FieldException(404, "not_found", "client", "client " + XRoadIds.toPath(id)
                    + " is not hosted here");
        }
        return id;
    }

    /** A client in path form from a body field. */
    static ClientId client(String field, String pathForm) {
        return id(field, () -> XRoadIds.parseClientPath(required(field, pathForm)));
    }

    /**
     * An access right subject in path form: with {@code type} given, of that type; otherwise told by
     * its number of parts (1 local group, 2 global group, 3 member, 4 subsystem).
     */
    static XRoadId subject(String pathForm, Optional<String> type) {
        String path = required("subject", pathForm);
        ObjectType objectType = type.map(t -> enumValue("subjectType", ObjectType.class, t)).orElseGet(() ->
                switch (path.split("/", -1).length) {
                    case 1 -> ObjectType.LOCALGROUP;
                    case 2 -> ObjectType.GLOBALGROUP;
                    case 3 -> ObjectType.MEMBER;
                    case 4 -> ObjectType.SUBSYSTEM;
                    default -> throw FieldException.invalid("subject", "subject '" + path
                            + "' must be a member, subsystem, global group or local group");
                });
        if (!List.of(ObjectType.MEMBER, ObjectType.SUBSYSTEM, ObjectType.GLOBALGROUP, ObjectType.LOCALGROUP)
                .contains(objectType)) {
            throw FieldException.invalid("subjectType", "access rights are granted to members, subsystems and"
                    + " groups, not " + objectType);
        }
        return id("subject", () -> XRoadIds.parsePath(objectType, path));
    }

    /** The service {@code {serviceCode}} of {@code {client}}, with the {@code version} query parameter. */
    static ServiceId service(ApiRequest request) {
        ClientId client = client(request);
        String code = request.pathVariable("serviceCode");
        Optional<String> version = request.queryParameter("version").filter(v -> !v.isEmpty());
        return id("serviceCode", () -> new ServiceId(client, code, version));
    }

    static UUID uuid(ApiRequest request, String variable) {
        String value = request.pathVariable(variable);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new FieldException(404, "not_found", variable, "no service description " + value);
        }
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw FieldException.invalid(field, field + " is required");
        }
        return value;
    }

    static <E extends Enum<E>> E enumValue(String field, Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw FieldException.invalid(field, field + " '" + value + "' is not one of "
                    + List.of(type.getEnumConstants()));
        }
    }

    static URI url(String field, String value) {
        try {
            return new URI(required(field, value).strip());
        } catch (URISyntaxException e) {
            throw FieldException.invalid(field, "'" + value + "' is not a URL: " + e.getReason());
        }
    }

    /** A certificate as PEM or as base64 DER. */
    static X509Certificate certificate(String value) {
        String text = required("certificate", value);
        try {
            return text.contains("-----BEGIN") ? Pem.readCertificate(text)
                    : Certificates.parseDer(Base64.getMimeDecoder().decode(text));
        } catch (XRoadException | IllegalArgumentException e) {
            throw FieldException.invalid("certificate", "not a certificate in PEM or base64 DER: " + e.getMessage());
        }
    }

    static <T> T id(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (XRoadException | IllegalArgumentException e) {
            throw FieldException.invalid(field, e.getMessage());
        }
    }
}
