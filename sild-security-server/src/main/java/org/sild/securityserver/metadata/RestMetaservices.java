package org.sild.securityserver.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.rest.RestRequest;
import org.sild.runtime.json.Json;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServiceDescription;

/**
 * REST {@code listMethods}, {@code allowedMethods} and {@code getOpenAPI} (PR-MREST, digest 02 §7):
 * JSON service lists with snake_case names as X-Road's code writes them, and the provider's OpenAPI
 * document with its server URLs anonymised. Stateless and thread-safe.
 */
final class RestMetaservices {

    static final String JSON = "application/json; charset=utf-8";

    private final ServiceCatalog catalog;
    private final Metaservices.Downloader downloader;
    private final Metaservices.BuiltIns builtIns;

    RestMetaservices(ServiceCatalog catalog, Metaservices.Downloader downloader, Metaservices.BuiltIns builtIns) {
        this.catalog = catalog;
        this.downloader = downloader;
        this.builtIns = builtIns;
    }

    Metaservices.Answer answer(Metaservice service, RestRequest request, Metaservices.Grants grants) {
        ClientId provider = request.service().provider();
        return switch (service) {
            case LIST_METHODS -> list(provider, (id, registered) -> Optional.of(registered));
            case ALLOWED_METHODS -> list(provider, (id, registered) -> {
                // X-Road: the services the caller holds any grant on, with the registered endpoints a grant covers.
                List<AccessRight> held = grants.of(request.client(), id);
                return held.isEmpty() ? Optional.empty() : Optional.of(registered.stream()
                        .filter(e -> held.stream().anyMatch(r -> r.covers(e.method(), e.path()))).toList());
            });
            case GET_OPENAPI -> openApi(provider, request.query());
            case GET_WSDL -> throw new IllegalArgumentException("getWsdl is not a REST metaservice");
        };
    }

    /** The endpoints to list for a service with {@code registered} endpoints, or empty to leave the service out. */
    @FunctionalInterface
    private interface EndpointsOf {
        Optional<List<Endpoint>> of(ServiceId service, List<Endpoint> registered);
    }

    private Metaservices.Answer list(ClientId provider, EndpointsOf endpointsOf) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode services = root.putArray("service");
        for (ServiceDescription d : catalog.descriptions(provider)) {
            if (!d.type().isRest()) {
                continue;
            }
            for (LocalService s : d.services()) {
                if (Metaservice.isReserved(s.id().serviceCode())) {
                    continue;
                }
                endpointsOf.of(s.id(), catalog.endpoints(provider, s.id().serviceCode()))
                        .ifPresent(endpoints -> services.add(service(s.id(), d.type(), endpoints)));
            }
        }
        for (Metaservices.BuiltIn b : builtIns.of(provider)) {
            if (!b.restEndpoints().isEmpty()) {
                ServiceId id = new ServiceId(provider, b.serviceCode());
                endpointsOf.of(id, b.restEndpoints())
                        .ifPresent(endpoints -> services.add(service(id, ServiceType.REST, endpoints)));
            }
        }
        return new Metaservices.Answer(JSON, Json.write(root));
    }

    private static ObjectNode service(ServiceId id, ServiceType type, List<Endpoint> endpoints) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("object_type", "SERVICE");
        n.put("xroad_instance", id.provider().instance());
        n.put("member_class", id.provider().memberClass());
        n.put("member_code", id.provider().memberCode());
        id.provider().subsystemCode().ifPresent(c -> n.put("subsystem_code", c));
        n.put("service_code", id.serviceCode());
        n.put("service_type", type == ServiceType.OPENAPI3 ? "OPENAPI" : "REST");
        ArrayNode list = n.putArray("endpoint_list");
        for (Endpoint e : endpoints) {
            list.addObject().put("method", e.method()).put("path", e.path());
        }
        return n;
    }

    private Metaservices.Answer openApi(ClientId provider, Optional<String> query) {
        String code = parameter(query, "serviceCode").orElseThrow(() -> new XRoadException(
                ErrorCode.INVALID_REQUEST, "Missing serviceCode in message body"));
        ServiceId target = new ServiceId(provider, code);
        // X-Road answers both with InternalError.
        ServiceDescription description = catalog.descriptionOf(target).orElseThrow(() -> new XRoadException(
                ErrorCode.INTERNAL_ERROR, "Service not found: " + target));
        if (description.type() != ServiceType.OPENAPI3) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Invalid service type: " + description.type());
        }
        LocalService service = description.services().stream().filter(s -> s.id().serviceCode().equals(code))
                .findFirst().orElseThrow();
        Metaservices.Document document = downloader.get(service, description.url());
        boolean yaml = OpenApiDocuments.isYaml(document.contentType(), description.url().getPath());
        return new Metaservices.Answer(document.contentType().orElse("text/plain"),
                OpenApiDocuments.anonymised(document.body(), yaml));
    }

    /**
     * The last value of a query parameter (name ignoring case, as X-Road), decoded; blank counts as absent.
     *
     * @throws XRoadException {@code InvalidRequest} when the query's percent-encoding is malformed
     */
    static Optional<String> parameter(Optional<String> query, String name) {
        return query.stream().flatMap(q -> Arrays.stream(q.split("&")))
                .map(p -> p.split("=", 2))
                .filter(kv -> decode(kv[0]).equalsIgnoreCase(name))
                .map(kv -> kv.length > 1 ? decode(kv[1]).strip() : "")
                .reduce((first, second) -> second).filter(v -> !v.isEmpty());
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.INVALID_REQUEST, "malformed percent-encoding in the query: '" + raw
                    + "'");
        }
    }
}
