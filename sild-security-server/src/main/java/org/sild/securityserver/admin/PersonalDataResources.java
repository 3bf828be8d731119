package org.sild.securityserver.admin;

import static org.sild.securityserver.admin.AdminApi.V1;
import static org.sild.securityserver.admin.AdminRequests.answering;
import static org.sild.securityserver.admin.AdminRequests.hostedClient;
import static org.sild.securityserver.admin.AdminRequests.required;

import java.util.Map;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.runtime.http.ApiException;
import org.sild.runtime.http.ApiHandler;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;
import org.sild.securityserver.datatracker.DeclarationException;
import org.sild.securityserver.datatracker.Declarations;
import org.sild.securityserver.datatracker.PersonalDataDeclaration;
import org.sild.securityserver.datatracker.SubjectLocator;
import org.sild.securityserver.serverconf.ServerConfStore;

/**
 * Admin resources for personal data declarations (issue 7): list, declare (or re-declare) and
 * remove, per hosted client. A refused declaration answers 400 {@code invalid_value} (404
 * {@code not_found} for an unknown service or endpoint) naming the field.
 */
final class PersonalDataResources {

    /** A declaration as JSON; {@code endpoint} is {@code METHOD /path/template}, absent for the whole service. */
    record Declaration(String serviceCode, Optional<String> endpoint, Locator locator, Optional<String> subjectPrefix,
            Optional<String> processingType, Optional<String> purpose, Optional<String> legalBasis) {

        static Declaration of(PersonalDataDeclaration d) {
            return new Declaration(d.serviceCode(), d.endpoint().map(PersonalDataDeclaration.Endpoint::toString),
                    new Locator(d.locator().kind().id(), d.locator().name(), d.locator().namespaces().isEmpty()
                            ? Optional.empty() : Optional.of(d.locator().namespaces())),
                    d.subjectPrefix(), Optional.of(d.processingType()), d.purpose(), d.legalBasis());
        }
    }

    /** Where the subject is: {@code kind} (path, query, header, json-pointer, response-json-pointer, xpath) and name. */
    record Locator(String kind, String name, Optional<Map<String, String>> namespaces) {
    }

    /** Which declaration to remove. */
    record Removal(String serviceCode, Optional<String> endpoint) {
    }

    private final ServerConfStore store;
    private final Optional<Declarations> available;

    /** Without {@code declarations} (an API built without the data tracker) the routes answer 503. */
    PersonalDataResources(ServerConfStore store, Optional<Declarations> declarations) {
        this.store = store;
        this.available = declarations;
    }

    private Declarations declarations() {
        return available.orElseThrow(() -> new ApiException(503, "unavailable",
                "personal data declarations are not available on this admin API"));
    }

    void routes(RouteTable routes) {
        String base = V1 + "/clients/{client}/personal-data";
        routes.get(base, answering(declaring(r -> {
                    ClientId client = hostedClient(store, r);
                    return ApiResponse.ok(declarations().list(client).stream().map(Declaration::of).toList());
                })))
                .post(base, answering(declaring(r -> {
                    ClientId client = hostedClient(store, r);
                    Declarations declarations = declarations();
                    PersonalDataDeclaration d = declaration(client, r.bodyAs(Declaration.class));
                    return ApiResponse.created(Declaration.of(declarations.declare(d)));
                })))
                .post(base + "/delete", answering(declaring(r -> {
                    ClientId client = hostedClient(store, r);
                    Declarations declarations = declarations();
                    Removal body = r.bodyAs(Removal.class);
                    declarations.remove(client, required("serviceCode", body.serviceCode()),
                            body.endpoint().map(PersonalDataDeclaration.Endpoint::parse));
                    return ApiResponse.noContent();
                })));
    }

    private static PersonalDataDeclaration declaration(ClientId client, Declaration body) {
        Locator locator = required("locator", body.locator());
        return PersonalDataDeclaration.builder(client, required("serviceCode", body.serviceCode()))
                .endpoint(body.endpoint().map(PersonalDataDeclaration.Endpoint::parse))
                .locator(new SubjectLocator(SubjectLocator.Kind.of(required("locator.kind", locator.kind())),
                        required("locator.name", locator.name()), locator.namespaces().orElse(Map.of())))
                .subjectPrefix(body.subjectPrefix())
                .processingType(body.processingType().orElse("read"))
                .purpose(body.purpose())
                .legalBasis(body.legalBasis())
                .build();
    }

    /** Answers a refused declaration as a field error. */
    private static ApiHandler declaring(ApiHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (DeclarationException e) {
                throw e.isNotFound() ? new FieldException(404, "not_found", e.field(), e.getMessage())
                        : FieldException.invalid(e.field(), e.getMessage());
            }
        };
    }
}
