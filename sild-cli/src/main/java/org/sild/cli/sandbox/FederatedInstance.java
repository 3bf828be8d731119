package org.sild.cli.sandbox;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.http.Router;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceSpec;

/**
 * The sandbox's second instance {@code FED}: its own trust services, configuration source and one
 * security server ({@code FED/GOV/80000001/ss1}) hosting {@code FED/GOV/80000001/demo} with the REST
 * service {@code greeting}, federated with {@code DEV} both ways (each instance publishes the other's
 * external anchor; each server allows the other instance), so that DEV's State Portal can call it
 * through {@code ss1}.
 *
 * <p>Started and closed by {@link Sandbox}; not thread-safe to start.
 */
final class FederatedInstance implements AutoCloseable {

    static final String INSTANCE = "FED";
    static final MemberId AGENCY = new MemberId(INSTANCE, "GOV", "80000001");
    static final SubsystemId DEMO = AGENCY.subsystem("demo");
    static final SecurityServerId SS1 = new SecurityServerId(AGENCY, "ss1");
    static final ServiceId GREETING = new ServiceId(DEMO, "greeting");
    static final int GREETING_PORT = 8093;
    /** How long each server may take to hold the partner's configuration. */
    private static final Duration PARTNER_TIMEOUT = Duration.ofSeconds(30);

    private final LocalNetwork network;
    private final HttpServer greeter;

    private FederatedInstance(LocalNetwork network, HttpServer greeter) {
        this.network = network;
        this.greeter = greeter;
    }

    /** FED's layout with every port moved up by {@code o}. */
    static LocalNetwork.Layout layout(int o) {
        return new LocalNetwork.Layout(INSTANCE,
                List.of(new LocalNetwork.Member(AGENCY, "Federation Demo Agency", List.of("demo"))),
                List.of(new LocalNetwork.Server(SS1, new LocalNetwork.Ports(8083 + o, 8446 + o, 5503 + o, 5580 + o,
                        4103 + o), List.of(DEMO))),
                8988 + o, 8999 + o, 8280 + o);
    }

    /** Starts FED under {@code dir} and federates it with {@code dev}, whose servers must allow FED. */
    static FederatedInstance start(CentralNetwork dev, int portOffset, Path dir, Clock clock, SecureRandom random) {
        HttpServer greeter = HttpServer.builder().name("greeting-is").port(GREETING_PORT + portOffset)
                .handler(greetingHandler()).build().start();
        LocalNetwork fed = null;
        try {
            fed = LocalNetwork.start(layout(portOffset), dir, clock, random,
                    LocalNetwork.allowingFederation(dev.layout().instance()));
            provision(fed.server(SS1).serverConf(), greeter);
            federate(dev, fed);
            return new FederatedInstance(fed, greeter);
        } catch (RuntimeException e) {
            if (fed != null) {
                fed.close();
            }
            greeter.close();
            throw e;
        }
    }

    /** {@code GET /greeting}: a JSON greeting that names its instance. */
    static Router greetingHandler() {
        return Router.builder()
                .get("/greeting", r -> ApiResponse.ok(Map.of("greeting", "Tere! Greetings from instance " + INSTANCE,
                        "instance", INSTANCE)))
                .build();
    }

    private static void provision(ServerConfStore conf, HttpServer greeter) {
        if (conf.serviceDescriptions().service(GREETING).isEmpty()) {
            conf.serviceDescriptions().add(DEMO, ServiceType.REST, greeter.uri().resolve("/greeting"),
                    List.of(ServiceSpec.of(GREETING.serviceCode())));
        }
        conf.accessRights().grant(DEMO, AccessRight.wholeService(Sandbox.PORTAL, GREETING.serviceCode()));
    }

    /**
     * Each instance trusts the other's external anchor — DEV's central server administrator adds FED's
     * as a trusted anchor, FED's source publishes DEV's — then every server downloads both.
     */
    private static void federate(CentralNetwork dev, LocalNetwork fed) {
        var central = dev.centralServer();
        if (central.registry().trustedAnchors().get(INSTANCE).isEmpty()) {
            central.registry().as("sandbox-administrator").trustedAnchors()
                    .add(fed.configurationSource().externalAnchor().toXml());
        }
        fed.configurationSource().update(d -> d.toBuilder().federationAnchor(central.publisher().externalAnchor()
                .orElseThrow(() -> new IllegalStateException("DEV's central server published no external anchor")))
                .build());
        central.publisher().publish();
        dev.servers().values().forEach(server -> LocalNetwork.awaitFederatedInstance(server, INSTANCE,
                System.nanoTime() + PARTNER_TIMEOUT.toNanos()));
        fed.servers().values().forEach(server -> LocalNetwork.awaitFederatedInstance(server, dev.layout().instance(),
                System.nanoTime() + PARTNER_TIMEOUT.toNanos()));
    }

    LocalNetwork network() {
        return network;
    }

    /** Where the greeting information system listens. */
    HttpServer greeter() {
        return greeter;
    }

    @Override
    public void close() {
        network.close();
        greeter.close();
    }
}
