package org.sild.cli.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sild.runtime.http.ApiException;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.Router;
import org.sild.runtime.json.Json;

/**
 * The Health Insurance Fund's demo e-prescription system: REST service {@code eprescription} behind
 * security server {@code ss3} as subsystem {@code DEV/GOV/70000002/prescriptions}, described by the
 * OpenAPI document at {@code GET /openapi.json}.
 *
 * <ul>
 *   <li>{@code POST /prescriptions} with {@code {"patient", "medication", "dosage"?}} answers 201 and
 *       the new prescription with its {@code id};</li>
 *   <li>{@code GET /prescriptions?patient={personalCode}} lists a patient's prescriptions, newest first;</li>
 *   <li>{@code POST /prescriptions/{id}/dispense} marks one dispensed (409 when it already is).</li>
 * </ul>
 *
 * <p>Who prescribed and who dispensed is the {@code X-Road-Client} the security server passes on.
 * Prescriptions are kept in a JSON file, so they survive a sandbox restart. Thread-safe.
 */
public final class PrescriptionRegister {

    /** A prescription as the service answers it. */
    public record Prescription(String id, String patient, String medication, Optional<String> dosage,
                               String prescribedBy, Instant prescribedAt, String status,
                               Optional<String> dispensedBy, Optional<Instant> dispensedAt) {

        Prescription dispensed(String by, Instant at) {
            return new Prescription(id, patient, medication, dosage, prescribedBy, prescribedAt, DISPENSED,
                    Optional.of(by), Optional.of(at));
        }
    }

    /** What {@code POST /prescriptions} takes. */
    record NewPrescription(String patient, String medication, Optional<String> dosage) {
    }

    static final String ISSUED = "issued";
    static final String DISPENSED = "dispensed";
    /** Bounds of the demo: it is not a real register. */
    static final int MAX_PRESCRIPTIONS = 10_000;
    static final int MAX_TEXT = 200;

    private final Path file;
    private final Clock clock;
    private final List<Prescription> prescriptions = new ArrayList<>();

    /** The register kept in {@code file} (read when it exists). */
    public PrescriptionRegister(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        if (Files.exists(file)) {
            try {
                prescriptions.addAll(List.of(Json.read(Files.readAllBytes(file), Prescription[].class)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /** The handler: mount it at the service's base URL. */
    public Router handler() {
        return Router.builder()
                .get("/openapi.json", r -> ApiResponse.bytes(200, "application/json",
                        OPENAPI.getBytes(StandardCharsets.UTF_8)))
                .post("/prescriptions", this::prescribe)
                .get("/prescriptions", this::list)
                .post("/prescriptions/{id}/dispense", this::dispense)
                .maxBodyBytes(16 * 1024)
                .build();
    }

    private ApiResponse prescribe(ApiRequest request) {
        NewPrescription order = request.bodyAs(NewPrescription.class);
        String patient = text("patient", order.patient());
        String medication = text("medication", order.medication());
        if (DemoPeople.find(patient).isEmpty()) {
            throw new ApiException(422, "unknown_patient", "no person with personal code " + patient);
        }
        order.dosage().ifPresent(d -> text("dosage", d));
        synchronized (prescriptions) {
            if (prescriptions.size() >= MAX_PRESCRIPTIONS) {
                throw new ApiException(507, "register_full", "the demo register holds at most " + MAX_PRESCRIPTIONS);
            }
            var created = new Prescription(String.format("RX-%06d", prescriptions.size() + 1), patient, medication,
                    order.dosage(), client(request), clock.instant(), ISSUED, Optional.empty(), Optional.empty());
            prescriptions.add(created);
            save();
            return ApiResponse.created(created).withHeader("Location", "/prescriptions/" + created.id());
        }
    }

    private ApiResponse list(ApiRequest request) {
        String patient = request.queryParameter("patient").orElseThrow(() ->
                new ApiException(400, "missing_patient", "query parameter patient is required"));
        synchronized (prescriptions) {
            return ApiResponse.ok(prescriptions.stream().filter(p -> p.patient().equals(patient))
                    .sorted(Comparator.comparing(Prescription::prescribedAt).reversed()).toList());
        }
    }

    private ApiResponse dispense(ApiRequest request) {
        String id = request.pathVariable("id");
        synchronized (prescriptions) {
            for (int i = 0; i < prescriptions.size(); i++) {
                Prescription p = prescriptions.get(i);
                if (p.id().equals(id)) {
                    if (!p.status().equals(ISSUED)) {
                        throw new ApiException(409, "already_dispensed", "prescription " + id + " is " + p.status());
                    }
                    Prescription done = p.dispensed(client(request), clock.instant());
                    prescriptions.set(i, done);
                    save();
                    return ApiResponse.ok(done);
                }
            }
        }
        throw new ApiException(404, "not_found", "no prescription " + id);
    }

    private static String client(ApiRequest request) {
        return request.header("X-Road-Client").orElse("unknown");
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ApiException(400, "missing_" + field, field + " is required");
        }
        if (value.length() > MAX_TEXT) {
            throw new ApiException(400, "invalid_" + field, field + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    /** Written whole to a temporary file and moved over the old one, so a crash never leaves half a file. */
    private void save() {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, Json.write(prescriptions));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The service description, written by hand. */
    static final String OPENAPI = """
            {
              "openapi": "3.0.3",
              "info": {"title": "E-prescriptions (Sild sandbox)", "version": "1.0.0",
                       "description": "Fictional prescriptions for trying out personal data transparency."},
              "servers": [{"url": "/"}],
              "paths": {
                "/prescriptions": {
                  "post": {
                    "operationId": "prescribe",
                    "summary": "Write a prescription",
                    "requestBody": {"required": true, "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/NewPrescription"}}}},
                    "responses": {
                      "201": {"description": "The new prescription",
                              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Prescription"}}}},
                      "400": {"description": "A field is missing or too long"},
                      "422": {"description": "No such patient"}
                    }
                  },
                  "get": {
                    "operationId": "listPrescriptions",
                    "summary": "A patient's prescriptions, newest first",
                    "parameters": [{"name": "patient", "in": "query", "required": true,
                                    "schema": {"type": "string", "pattern": "^[1-6][0-9]{10}$"}}],
                    "responses": {
                      "200": {"description": "The prescriptions",
                              "content": {"application/json": {"schema": {"type": "array",
                                  "items": {"$ref": "#/components/schemas/Prescription"}}}}}
                    }
                  }
                },
                "/prescriptions/{id}/dispense": {
                  "post": {
                    "operationId": "dispense",
                    "summary": "Dispense a prescription",
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {
                      "200": {"description": "The dispensed prescription",
                              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Prescription"}}}},
                      "404": {"description": "No such prescription"},
                      "409": {"description": "Already dispensed"}
                    }
                  }
                }
              },
              "components": {
                "schemas": {
                  "NewPrescription": {
                    "type": "object",
                    "required": ["patient", "medication"],
                    "properties": {
                      "patient": {"type": "string", "description": "The patient's personal code"},
                      "medication": {"type": "string"},
                      "dosage": {"type": "string"}
                    }
                  },
                  "Prescription": {
                    "type": "object",
                    "required": ["id", "patient", "medication", "prescribedBy", "prescribedAt", "status"],
                    "properties": {
                      "id": {"type": "string"},
                      "patient": {"type": "string"},
                      "medication": {"type": "string"},
                      "dosage": {"type": "string"},
                      "prescribedBy": {"type": "string", "description": "The prescriber's X-Road client"},
                      "prescribedAt": {"type": "string", "format": "date-time"},
                      "status": {"type": "string", "enum": ["issued", "dispensed"]},
                      "dispensedBy": {"type": "string"},
                      "dispensedAt": {"type": "string", "format": "date-time"}
                    }
                  }
                }
              }
            }
            """;
}
