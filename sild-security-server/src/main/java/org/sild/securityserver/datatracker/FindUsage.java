package org.sild.securityserver.datatracker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.rest.RestRequest;
import org.sild.core.soap.SoapMessage;
import org.sild.runtime.json.Json;
import org.w3c.dom.Document;

/**
 * The Data Tracker's {@code findUsage} service (reference {@code data-tracker/}), answered by the
 * provider security server itself for every hosted subsystem that has personal-data declarations:
 * REST {@code GET /v2/findUsage}, {@code /v2/usagePeriod} and {@code /v2/heartbeat} as
 * {@code dumonitor-openapi.yaml} says, and SOAP {@code findUsage} (v1) as {@code dumonitor.wsdl} says.
 * It turns a verified, access-checked request into the answer; signing, logging and the request
 * hash stay with the server proxy.
 *
 * <p>Subject rules: a REST caller must send {@code X-Road-UserId} and may ask only for the records
 * of that same person ({@code userCode}), unless the calling client is a representation client
 * (trusted to check representation itself, as eesti.ee's datatracker subsystem does); a SOAP
 * caller's subject is its {@code userId} header. Hidden records stay hidden until their time
 * ({@link UsageStore}).
 *
 * <p>Thread-safe; one instance serves every request.
 */
public final class FindUsage {

    /** The service code, REST and SOAP. */
    public static final String SERVICE_CODE = "findUsage";
    /** The REST endpoints' paths ({@code GET}), as the metaservices list them. */
    public static final List<String> REST_PATHS = List.of("/v2/findUsage", "/v2/usagePeriod", "/v2/heartbeat");
    /** The SOAP service version of {@code dumonitor.wsdl}. */
    public static final String SOAP_VERSION = "v1";
    static final String JSON = "application/json; charset=utf-8";

    private final UsageStore store;
    private final Predicate<ClientId> declares;
    private final Set<ClientId> representationClients;
    private final Clock clock;

    /**
     * A service over {@code store} for the subsystems {@code declares} accepts, trusting
     * {@code representationClients} to ask for other people's records.
     */
    public FindUsage(UsageStore store, Predicate<ClientId> declares, Set<ClientId> representationClients, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.declares = Objects.requireNonNull(declares, "declares");
        this.representationClients = Set.copyOf(representationClients);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An HTTP answer: status, Content-Type and the whole (small, bounded by the page size) body. */
    public record Answer(int status, String contentType, byte[] body) {
        public Answer {
            Objects.requireNonNull(contentType, "contentType");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /** Whether this server answers {@code service} itself: code {@code findUsage} of a subsystem with declarations. */
    public boolean serves(ServiceId service) {
        return SERVICE_CODE.equals(service.serviceCode()) && declares.test(service.provider());
    }

    /**
     * The REST answer: 200 with the OpenAPI's JSON, or 400 (bad parameters, no {@code X-Road-UserId}),
     * 403 (someone else's records), 404 (another path), 405 (not GET), 500 (store unreachable) with
     * {@code {"error": ..., "message": ...}}.
     */
    public Answer answer(RestRequest request) {
        if (!"GET".equals(request.method().name())) {
            return error(405, "Method Not Allowed", "findUsage answers GET only, not " + request.method().name());
        }
        ClientId provider = request.service().provider();
        return switch (request.servicePath()) {
            case "/v2/findUsage" -> findUsage(request);
            case "/v2/usagePeriod" -> usagePeriod(provider);
            case "/v2/heartbeat" -> heartbeat(provider);
            default -> error(404, "Not Found", "findUsage has no endpoint " + request.servicePath()
                    + " (v2/findUsage, v2/usagePeriod, v2/heartbeat)");
        };
    }

    /**
     * The SOAP answer: the request's envelope (header kept; the server proxy adds the request hash)
     * with {@code findUsageResponse} as its body. Fails with {@code InvalidRequest} without a
     * {@code userId} header or with a bad offset or limit, {@code InternalError} when the store fails.
     */
    public byte[] answer(SoapMessage request) {
        String subject = request.header().userId().filter(u -> !u.isBlank())
                .orElseThrow(() -> FindUsageQuery.invalid("findUsage needs the userId header: it names the data subject"));
        if (subject.length() > UsageRecord.MAX_SUBJECT_LENGTH) {
            throw FindUsageQuery.invalid("userId is longer than " + UsageRecord.MAX_SUBJECT_LENGTH + " characters");
        }
        Document doc = FindUsageSoap.parse(request.bytes());
        FindUsageSoap.Page page = FindUsageSoap.page(doc);
        UsageStore.Page found;
        try {
            found = store.find(new UsageStore.Query(request.header().service().provider(), subject, Optional.empty(),
                    Optional.empty(), page.offset(), page.limit()), clock.instant());
        } catch (RuntimeException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "the usage records cannot be read", e);
        }
        return FindUsageSoap.response(doc, found.records().stream().map(FindUsageEntry::of).toList());
    }

    private Answer findUsage(RestRequest request) {
        Optional<String> userId = request.userId().filter(u -> !u.isBlank());
        if (userId.isEmpty()) {
            return error(400, "Bad Request", "the X-Road-UserId header is required: it names who asks");
        }
        FindUsageQuery query;
        try {
            query = FindUsageQuery.parse(request.query());
        } catch (XRoadException e) {
            return error(400, "Bad Request", e.getMessage());
        }
        if (!query.userCode().equals(userId.get()) && !representationClients.contains(request.client())) {
            return error(403, "Forbidden", "userCode must be the X-Road-UserId: a person may see only their own"
                    + " records (client " + request.client() + " is not trusted to check representation)");
        }
        UsageStore.Page page;
        try {
            page = store.find(new UsageStore.Query(request.service().provider(), query.userCode(), query.periodStart(),
                    query.periodEnd(), query.offset(), query.limit()), clock.instant());
        } catch (RuntimeException e) {
            return error(500, "Internal Server Error", "the usage records cannot be read");
        }
        return ok(findUsageJson(page.total(), page.records().stream().map(FindUsageEntry::of).toList()));
    }

    /** {@code FindUsageResponse}: the total of matching records (not the page's) and the page, newest first. */
    static ObjectNode findUsageJson(long total, List<FindUsageEntry> entries) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("totalUsages", (int) Math.min(total, Integer.MAX_VALUE));
        ArrayNode usages = root.putArray("usages");
        for (FindUsageEntry e : entries) {
            ObjectNode u = usages.addObject();
            u.put("logtime", e.logtime().toString());
            u.put("action", e.action());
            u.put("receiverCode", e.receiverCode());
            e.receiverName().ifPresent(n -> u.put("receiverName", n));
            u.put("receiverSystem", e.receiverSystem());
        }
        return root;
    }

    /** The period records can be asked for: from the oldest kept record (none kept: from now) to now. */
    private Answer usagePeriod(ClientId provider) {
        Instant start;
        try {
            start = store.oldest(provider).orElseGet(clock::instant);
        } catch (RuntimeException e) {
            return error(500, "Internal Server Error", "the usage records cannot be read");
        }
        return ok(Json.mapper().createObjectNode().put("periodStart", start.toString()));
    }

    /** OK when the store answers, FAIL (still HTTP 200, as the schema has it) when it does not. */
    private Answer heartbeat(ClientId provider) {
        ObjectNode root = Json.mapper().createObjectNode();
        try {
            store.oldest(provider);
            root.put("status", "OK").put("message", "findUsage is ready");
        } catch (RuntimeException e) {
            root.put("status", "FAIL").put("message", "the usage records cannot be read");
        }
        return ok(root);
    }

    private static Answer ok(ObjectNode json) {
        return new Answer(200, JSON, Json.write(json));
    }

    private static Answer error(int status, String error, String message) {
        return new Answer(status, JSON, Json.write(Json.mapper().createObjectNode().put("error", error)
                .put("message", message)));
    }
}
