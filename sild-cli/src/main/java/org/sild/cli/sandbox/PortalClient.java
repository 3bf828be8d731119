package org.sild.cli.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.json.Json;
import org.sild.securityserver.datatracker.FindUsage;

/**
 * The State Portal's side of X-Road for the citizen view: REST calls through its security server's
 * client proxy as client {@code portal}, always naming the signed-in person as {@code X-Road-UserId}.
 *
 * <p>"Who used my data" is gathered live: the providers are discovered with {@code listClients} and
 * {@code allowedMethods} (every subsystem that lets the portal call {@code findUsage}), then each is
 * asked with the Data Tracker's {@code /v2/findUsage}. A provider that fails is reported, not hidden.
 * Thread-safe.
 */
final class PortalClient {

    /** A person's data from the Population Register. */
    record Person(String personalCode, String givenName, String familyName, String dateOfBirth, String address) {
    }

    /** A prescription from the e-prescription register. */
    record Prescription(String id, String medication, String dosage, String prescribedAt, String status,
                        String dispensedAt) {
    }

    /** One use of the person's data as a provider reported it. */
    record Usage(Instant logtime, String action, String receiverName, String receiverCode, String receiverSystem,
                 String register) {
    }

    /** Every provider's answer: the uses, newest first, and the providers that could not be asked. */
    record Usages(List<Usage> usages, List<String> failures) {
    }

    static final String FIND_USAGE = FindUsage.SERVICE_CODE;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_PROVIDERS = 50;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final URI clientProxy;
    private final ClientId portal;
    private final ClientId registry;
    private final ClientId prescriptions;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    PortalClient(URI clientProxy, ClientId portal, ClientId registry, ClientId prescriptions) {
        this.clientProxy = clientProxy;
        this.portal = portal;
        this.registry = registry;
        this.prescriptions = prescriptions;
    }

    /** The Data Tracker's form of a personal code: country prefix and code. */
    static String userId(String personalCode) {
        return "EE" + personalCode;
    }

    Optional<Person> person(String personalCode) {
        JsonNode p = get(service(registry, "persons") + "/" + encode(personalCode), personalCode);
        return p.isMissingNode() ? Optional.empty() : Optional.of(new Person(text(p, "personalCode"),
                text(p, "givenName"), text(p, "familyName"), text(p, "dateOfBirth"), text(p, "address")));
    }

    List<Prescription> prescriptions(String personalCode) {
        JsonNode list = get(service(prescriptions, "eprescription") + "/prescriptions?patient=" + encode(personalCode),
                personalCode);
        var result = new ArrayList<Prescription>();
        list.forEach(p -> result.add(new Prescription(text(p, "id"), text(p, "medication"), text(p, "dosage"),
                minutes(text(p, "prescribedAt")), text(p, "status"), minutes(text(p, "dispensedAt")))));
        return result;
    }

    /** Asks every provider that offers {@code findUsage} to the portal, in parallel. */
    Usages usages(String personalCode) {
        List<ClientId> providers = findUsageProviders(personalCode);
        var usages = new ArrayList<Usage>();
        var failures = new ArrayList<String>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<Future<List<Usage>>>();
            for (ClientId provider : providers) {
                answers.add(threads.submit(() -> usagesFrom(provider, personalCode)));
            }
            for (int i = 0; i < providers.size(); i++) {
                try {
                    usages.addAll(answers.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(XRoadIds.toPath(providers.get(i)) + ": " + e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(XRoadIds.toPath(providers.get(i)) + ": interrupted");
                }
            }
        }
        usages.sort(Comparator.comparing(Usage::logtime).reversed());
        return new Usages(usages, failures);
    }

    private List<ClientId> findUsageProviders(String personalCode) {
        JsonNode clients = send(HttpRequest.newBuilder(clientProxy.resolve("/listClients"))
                .header("Accept", "application/json"), personalCode);
        var providers = new ArrayList<ClientId>();
        for (JsonNode member : clients.path("member")) {
            JsonNode id = member.path("id");
            if (!id.hasNonNull("subsystem_code") || providers.size() >= MAX_PROVIDERS) {
                continue;
            }
            ClientId subsystem = new MemberId(text(id, "xroad_instance"), text(id, "member_class"),
                    text(id, "member_code")).subsystem(text(id, "subsystem_code"));
            if (subsystem.instance().equals(portal.instance()) && offersFindUsage(subsystem, personalCode)) {
                providers.add(subsystem);
            }
        }
        return providers;
    }

    private boolean offersFindUsage(ClientId subsystem, String personalCode) {
        try {
            JsonNode allowed = get("/r1/" + XRoadIds.toPath(subsystem) + "/allowedMethods", personalCode);
            for (JsonNode s : allowed.path("service")) {
                if (FIND_USAGE.equals(s.path("service_code").asText())) {
                    return true;
                }
            }
            return false;
        } catch (PortalException e) {
            return false; // a subsystem whose server cannot be reached offers nothing today
        }
    }

    private List<Usage> usagesFrom(ClientId provider, String personalCode) {
        String userCode = userId(personalCode);
        JsonNode answer = get(service(provider, FIND_USAGE) + "/v2/findUsage?userCode=" + encode(userCode), personalCode);
        var result = new ArrayList<Usage>();
        for (JsonNode u : answer.path("usages")) {
            result.add(new Usage(Instant.parse(text(u, "logtime")), text(u, "action"), text(u, "receiverName"),
                    text(u, "receiverCode"), text(u, "receiverSystem"), XRoadIds.toPath(provider)));
        }
        return result;
    }

    /** An RFC 3339 time as people read it, to the minute ({@code 2026-11-28 15:55 UTC}); empty stays empty. */
    static String minutes(String time) {
        return time.isEmpty() ? "" : MINUTES.format(Instant.parse(time));
    }

    private static String service(ClientId provider, String serviceCode) {
        return "/r1/" + XRoadIds.toPath(provider) + "/" + serviceCode;
    }

    /** GET {@code path} through the client proxy; a 404 is the missing node. */
    private JsonNode get(String path, String personalCode) {
        return send(HttpRequest.newBuilder(clientProxy.resolve(path)), personalCode);
    }

    private JsonNode send(HttpRequest.Builder request, String personalCode) {
        request.timeout(TIMEOUT).header("X-Road-Client", XRoadIds.toPath(portal))
                .header("X-Road-UserId", userId(personalCode))
                .header("X-Road-Pdu-Reason", "The person looks at their own data in the State Portal");
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            if (response.statusCode() != 200) {
                throw new PortalException("HTTP " + response.statusCode() + " "
                        + new String(response.body(), StandardCharsets.UTF_8).strip());
            }
            return Json.read(response.body(), JsonNode.class);
        } catch (IOException e) {
            throw new PortalException("cannot reach the security server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortalException("interrupted");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A call through X-Road that did not give an answer the portal can show. */
    static final class PortalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortalException(String message) {
            super(message);
        }
    }
}
