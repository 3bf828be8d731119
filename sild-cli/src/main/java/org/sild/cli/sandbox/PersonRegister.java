package org.sild.cli.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.Router;

/**
 * The Population Register's demo information system: REST service {@code persons} with
 * {@code GET /{personalCode}}, described by the OpenAPI document at {@code GET /openapi.json}, from
 * which the sandbox registers the service. Behind security server {@code ss2} as subsystem
 * {@code DEV/GOV/70000001/registry}.
 */
public final class PersonRegister {

    /** Where the information system serves its OpenAPI document. */
    public static final String OPENAPI_PATH = "/openapi.json";

    private PersonRegister() {
    }

    /** The handler: mount it at the service's base URL. */
    public static Router handler() {
        return Router.builder()
                .get(OPENAPI_PATH, r -> ApiResponse.bytes(200, "application/json",
                        OPENAPI.getBytes(StandardCharsets.UTF_8)))
                .get("/{personalCode}", r -> DemoPeople.find(r.pathVariable("personalCode"))
                        .map(p -> ApiResponse.ok(json(p)))
                        .orElseGet(() -> ApiResponse.error(404, "not_found",
                                "no person with personal code " + r.pathVariable("personalCode"))))
                .build();
    }

    private static Map<String, Object> json(DemoPeople.Person p) {
        var m = new LinkedHashMap<String, Object>();
        m.put("personalCode", p.personalCode());
        m.put("givenName", p.givenName());
        m.put("familyName", p.familyName());
        m.put("dateOfBirth", p.dateOfBirth().toString());
        m.put("address", p.address());
        return m;
    }

    /** The service description, written by hand. */
    public static final String OPENAPI = """
            {
              "openapi": "3.0.3",
              "info": {"title": "Population Register (Sild sandbox)", "version": "1.0.0",
                       "description": "Fictional people for trying out X-Road REST calls."},
              "servers": [{"url": "/"}],
              "paths": {
                "/{personalCode}": {
                  "get": {
                    "operationId": "getPerson",
                    "summary": "A person by personal code",
                    "parameters": [{"name": "personalCode", "in": "path", "required": true,
                                    "schema": {"type": "string", "pattern": "^[1-6][0-9]{10}$"}}],
                    "responses": {
                      "200": {"description": "The person",
                              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Person"}}}},
                      "404": {"description": "No such person"}
                    }
                  }
                }
              },
              "components": {
                "schemas": {
                  "Person": {
                    "type": "object",
                    "required": ["personalCode", "givenName", "familyName", "dateOfBirth"],
                    "properties": {
                      "personalCode": {"type": "string"},
                      "givenName": {"type": "string"},
                      "familyName": {"type": "string"},
                      "dateOfBirth": {"type": "string", "format": "date"},
                      "address": {"type": "string"}
                    }
                  }
                }
              }
            }
            """;
}
