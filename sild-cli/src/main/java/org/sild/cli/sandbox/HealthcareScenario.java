package org.sild.cli.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.sild.core.id.ServiceId;
import org.sild.runtime.http.HttpServer;
import org.sild.securityserver.datatracker.Declarations;
import org.sild.securityserver.datatracker.FindUsage;
import org.sild.securityserver.datatracker.PersonalDataDeclaration;
import org.sild.securityserver.datatracker.PersonalDataDeclaration.Endpoint;
import org.sild.securityserver.datatracker.SubjectLocator;
import org.sild.securityserver.datatracker.SubjectLocator.Kind;
import org.sild.securityserver.description.DescriptionImporter;
import org.sild.securityserver.description.HttpDocumentSource;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.ServerConfStore;

/**
 * The flow the project was created for, in the sandbox: the Family Clinic writes an e-prescription,
 * the Pharmacy lists and dispenses it, and the patient sees their data and who used it in the State
 * Portal's citizen view.
 *
 * <p>Starts the e-prescription register ({@link PrescriptionRegister}, service {@code eprescription}
 * of {@code DEV/GOV/70000002/prescriptions} on {@code ss3}) and the citizen view ({@link CitizenView},
 * the portal's web page, calling through {@code ss1}), and provisions the service, its access rights
 * its personal-data declarations (and the Population Register's) and the portal's right to ask both
 * registers' {@code findUsage}. Closing stops both information systems.
 */
final class HealthcareScenario implements AutoCloseable {

    static final int PRESCRIPTIONS_PORT = 8094;
    static final int CITIZEN_VIEW_PORT = 8090;
    static final ServiceId EPRESCRIPTION = new ServiceId(Sandbox.PRESCRIPTIONS, "eprescription");

    private final HttpServer register;
    private final HttpServer citizenView;

    private HealthcareScenario(HttpServer register, HttpServer citizenView) {
        this.register = register;
        this.citizenView = citizenView;
    }

    /** Starts both information systems (ports moved up by {@code portOffset}) and provisions the services. */
    static HealthcareScenario start(CentralNetwork network, Path dir, int portOffset, Clock clock, SecureRandom random) {
        HttpServer register = HttpServer.builder().name("prescriptions-is").port(PRESCRIPTIONS_PORT + portOffset)
                .handler(new PrescriptionRegister(dir.resolve("prescriptions.json"), clock).handler()).build().start();
        try {
            provision(network.server(Sandbox.SS3).serverConf(), register.uri());
            declarePersonalData(network);
            var portal = new PortalClient(URI.create("http://127.0.0.1:" + network.server(Sandbox.SS1).clientHttpPort()),
                    Sandbox.PORTAL, Sandbox.REGISTRY, Sandbox.PRESCRIPTIONS);
            HttpServer view = HttpServer.builder().name("citizen-view").port(CITIZEN_VIEW_PORT + portOffset)
                    .handler(new CitizenView(portal, random).handler()).build().start();
            return new HealthcareScenario(register, view);
        } catch (RuntimeException e) {
            register.close();
            throw e;
        }
    }

    /**
     * The clinic may prescribe, the pharmacy list and dispense, the portal read (the citizen's own
     * prescriptions): X-Road rights on the service code, as an operator grants them.
     */
    private static void provision(ServerConfStore ss3, URI registerUrl) {
        if (ss3.serviceDescriptions().service(EPRESCRIPTION).isEmpty()) {
            new DescriptionImporter(ss3, HttpDocumentSource.standard()).addOpenApi(Sandbox.PRESCRIPTIONS,
                    registerUrl.resolve("/openapi.json"), EPRESCRIPTION.serviceCode());
        }
        for (var client : List.of(Sandbox.CLINIC, Sandbox.POS, Sandbox.PORTAL)) {
            ss3.accessRights().grant(Sandbox.PRESCRIPTIONS, AccessRight.wholeService(client, EPRESCRIPTION.serviceCode()));
        }
    }

    /**
     * Where each service names the person (declared when the provider has no declarations, so a
     * restart keeps an operator's), so that the providers record who used whose data and the portal
     * may ask them ({@code findUsage}): the person's code in the Population Register's path,
     * the prescription's patient in the request, the query, or (dispensing) the answer.
     */
    private static void declarePersonalData(CentralNetwork network) {
        Declarations registry = network.server(Sandbox.SS2).dataTracker().declarations();
        if (registry.list(Sandbox.REGISTRY).isEmpty()) {
            registry.declare(PersonalDataDeclaration.builder(Sandbox.REGISTRY, Sandbox.PERSONS.serviceCode())
                    .endpoint(Endpoint.parse("GET /{personalCode}")).locator(SubjectLocator.of(Kind.PATH, "personalCode"))
                    .subjectPrefix("EE").processingType("read").purpose("Population register query").build());
        }
        Declarations prescriptions = network.server(Sandbox.SS3).dataTracker().declarations();
        if (prescriptions.list(Sandbox.PRESCRIPTIONS).isEmpty()) {
            for (var d : List.of(
                    rx("POST /prescriptions", SubjectLocator.of(Kind.JSON_POINTER, "/patient"), "write", "Prescribing"),
                    rx("GET /prescriptions", SubjectLocator.of(Kind.QUERY, "patient"), "read", "Prescription lookup"),
                    rx("POST /prescriptions/{id}/dispense", SubjectLocator.of(Kind.RESPONSE_JSON_POINTER, "/patient"),
                            "update", "Dispensing"))) {
                prescriptions.declare(d);
            }
        }
        network.server(Sandbox.SS2).serverConf().accessRights().grant(Sandbox.REGISTRY,
                AccessRight.wholeService(Sandbox.PORTAL, FindUsage.SERVICE_CODE));
        network.server(Sandbox.SS3).serverConf().accessRights().grant(Sandbox.PRESCRIPTIONS,
                AccessRight.wholeService(Sandbox.PORTAL, FindUsage.SERVICE_CODE));
    }

    private static PersonalDataDeclaration rx(String endpoint, SubjectLocator locator, String processing,
            String purpose) {
        return PersonalDataDeclaration.builder(Sandbox.PRESCRIPTIONS, EPRESCRIPTION.serviceCode())
                .endpoint(Endpoint.parse(endpoint)).locator(locator).subjectPrefix("EE").processingType(processing)
                .purpose(purpose).build();
    }

    /** The e-prescription register's address, for example {@code http://127.0.0.1:8094/}. */
    URI registerUri() {
        return register.uri();
    }

    /** The citizen view's address, for example {@code http://127.0.0.1:8090/}. */
    URI citizenViewUri() {
        return citizenView.uri();
    }

    @Override
    public void close() {
        citizenView.close();
        register.close();
    }
}
