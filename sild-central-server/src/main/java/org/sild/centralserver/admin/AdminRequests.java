package org.sild.centralserver.admin;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.sild.centralserver.registry.Registry;
import org.sild.centralserver.registry.RegistryException;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.XRoadIds;
import org.sild.core.pki.Certificates;
import org.sild.core.pki.Pem;
import org.sild.runtime.admin.ApiKeyAuthenticator;
import org.sild.runtime.http.ApiHandler;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;

/**
 * Reading admin API requests: identifiers in URLs and bodies, required fields, enums, numbers,
 * certificates, who is asking, and the JSON error answer that names the field.
 *
 * <p>In URL paths an identifier is written in X-Road's colon form, one path segment:
 * {@code DEV:GOV:70000001} (member), {@code DEV:GOV:70000001:registry} (subsystem, or security
 * server {@code ss1}). In JSON bodies identifiers are in path form ({@code DEV/GOV/70000001/registry}).
 */
final class AdminRequests {

    private AdminRequests() {
    }

    /** The JSON error body: the runtime's shape plus the field. */
    record ErrorBody(int status, Error error) {
        record Error(String code, String message, Optional<String> field) {
        }
    }

    /** Wraps a handler so that refused changes and field errors answer with the field named. */
    static ApiHandler answering(ApiHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (FieldException e) {
                return error(e.status(), e.errorCode(), e.getMessage(), Optional.of(e.field()));
            } catch (RegistryException e) {
                return switch (e.reason()) {
                    case INVALID -> error(400, "invalid_value", e.getMessage(), e.field());
                    case NOT_FOUND -> error(404, "not_found", e.getMessage(), e.field());
                    case CONFLICT -> error(409, "conflict", e.getMessage(), e.field());
                };
            } catch (IllegalArgumentException e) {
                return error(400, "invalid_value", e.getMessage(), Optional.empty());
            }
        };
    }

    static ApiResponse error(int status, String code, String message, Optional<String> field) {
        return ApiResponse.json(status, new ErrorBody(status, new ErrorBody.Error(code, message, field)));
    }

    /** Who the request's API key says is asking: the key's name, for the audit log. */
    static String actor(ApiRequest request) {
        return ApiKeyAuthenticator.keyName(request.jettyRequest()).orElse("admin-api");
    }

    /** The registry as the asking API key's holder. */
    static Registry as(Registry registry, ApiRequest request) {
        return registry.as(actor(request));
    }

    /** The member in path variable {@code variable}, in colon form. */
    static MemberId member(ApiRequest request, String variable) {
        ClientId id = colonClient(request, variable);
        if (!(id instanceof MemberId m)) {
            throw FieldException.invalid(variable, variable + " '" + request.pathVariable(variable)
                    + "' must be INSTANCE:CLASS:MEMBER");
        }
        return m;
    }

    /** The client (member or subsystem) in path variable {@code variable}, in colon form. */
    static ClientId colonClient(ApiRequest request, String variable) {
        String value = request.pathVariable(variable);
        List<String> parts = List.of(value.split(":", -1));
        if (parts.size() < 3 || parts.size() > 4) {
            throw FieldException.invalid(variable, variable + " '" + value
                    + "' in the URL must be INSTANCE:CLASS:MEMBER[:SUBSYSTEM]");
        }
        return id(variable, () -> XRoadIds.parseClientPath(String.join("/", parts.stream()
                .map(XRoadIds::percentEncode).toList())));
    }

    /** The security server in path variable {@code {server}}: {@code INSTANCE:CLASS:MEMBER:SERVER}. */
    static SecurityServerId server(ApiRequest request) {
        String value = request.pathVariable("server");
        List<String> parts = List.of(value.split(":", -1));
        if (parts.size() != 4) {
            throw FieldException.invalid("server", "server '" + value
                    + "' in the URL must be INSTANCE:CLASS:MEMBER:SERVERCODE");
        }
        return id("server", () -> new SecurityServerId(new MemberId(parts.get(0), parts.get(1), parts.get(2)),
                parts.get(3)));
    }

    /** A client in path form from a body field. */
    static ClientId client(String field, String pathForm) {
        return id(field, () -> XRoadIds.parseClientPath(required(field, pathForm)));
    }

    static long number(ApiRequest request, String variable) {
        String value = request.pathVariable(variable);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw FieldException.notFound(variable, "no " + variable + " '" + value + "'");
        }
    }

    /** Query parameter {@code name} as an integer in {@code min..max}, else {@code fallback}. */
    static int intQuery(ApiRequest request, String name, int fallback, int min, int max) {
        Optional<String> value = request.queryParameter(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value.get());
            if (v < min || v > max) {
                throw FieldException.invalid(name, name + " must be " + min + ".." + max + ", not " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw FieldException.invalid(name, name + " '" + value.get() + "' is not a number");
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
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw FieldException.invalid(field, field + " '" + value + "' is not one of "
                    + List.of(type.getEnumConstants()));
        }
    }

    /** A certificate as PEM or as base64 DER. */
    static X509Certificate certificate(String field, String value) {
        String text = required(field, value);
        try {
            return text.contains("-----BEGIN") ? Pem.readCertificate(text)
                    : Certificates.parseDer(Base64.getMimeDecoder().decode(text));
        } catch (XRoadException | IllegalArgumentException e) {
            throw FieldException.invalid(field, field + " is not a certificate in PEM or base64 DER: " + e.getMessage());
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
