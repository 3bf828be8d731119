package org.sild.securityserver.admin;

import static org.sild.securityserver.admin.AdminApi.V1;
import static org.sild.securityserver.admin.AdminRequests.answering;
import static org.sild.securityserver.admin.AdminRequests.client;
import static org.sild.securityserver.admin.AdminRequests.enumValue;
import static org.sild.securityserver.admin.AdminRequests.hostedClient;
import static org.sild.securityserver.admin.AdminRequests.required;
import static org.sild.securityserver.admin.AdminRequests.service;
import static org.sild.securityserver.admin.AdminRequests.url;
import static org.sild.securityserver.admin.AdminRequests.uuid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;
import org.sild.securityserver.admin.AdminJson.Description;
import org.sild.securityserver.admin.AdminJson.Disable;
import org.sild.securityserver.admin.AdminJson.EndpointJson;
import org.sild.securityserver.admin.AdminJson.NewDescription;
import org.sild.securityserver.admin.AdminJson.NewEndpoint;
import org.sild.securityserver.admin.AdminJson.NewService;
import org.sild.securityserver.admin.AdminJson.Service;
import org.sild.securityserver.admin.AdminJson.ServiceChange;
import org.sild.securityserver.description.DescriptionImporter;
import org.sild.securityserver.description.DocumentSource;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceDescription;
import org.sild.securityserver.serverconf.ServiceSpec;
import org.sild.securityserver.serverconf.ServiceUpdate;

/**
 * Admin resources for service descriptions, services and REST endpoints. A WSDL or OpenAPI
 * description added without explicit services is downloaded and read ({@link DescriptionImporter});
 * a refused document answers 400 {@code invalid_description} with the report in {@code problems}.
 */
final class ServiceResources {

    private final ServerConfStore store;
    private final DescriptionImporter importer;

    ServiceResources(ServerConfStore store, DocumentSource documents) {
        this.store = store;
        this.importer = new DescriptionImporter(store, documents);
    }

    void routes(RouteTable routes) {
        String descriptions = V1 + "/service-descriptions/{id}";
        String services = V1 + "/clients/{client}/services";
        routes.get(V1 + "/clients/{client}/service-descriptions", answering(r -> ApiResponse.ok(
                        store.serviceDescriptions().list(hostedClient(store, r)).stream().map(Description::of).toList())))
                .post(V1 + "/clients/{client}/service-descriptions", answering(this::addDescription))
                .get(descriptions, answering(r -> ApiResponse.ok(Description.of(description(r)))))
                .delete(descriptions, answering(r -> {
                    store.serviceDescriptions().delete(uuid(r, "id"));
                    return ApiResponse.noContent();
                }))
                .put(descriptions + "/disable", answering(r -> {
                    UUID id = uuid(r, "id");
                    String notice = r.bodyAs(Disable.class).notice().orElse("");
                    return ApiResponse.ok(Description.of(store.serviceDescriptions().disable(id, notice)));
                }))
                .put(descriptions + "/refresh", answering(r -> ApiResponse.ok(Description.of(
                        importer.refresh(description(r).id())))))
                .put(descriptions + "/enable", answering(r -> ApiResponse.ok(Description.of(
                        store.serviceDescriptions().enable(uuid(r, "id"))))))
                .post(descriptions + "/services", answering(r -> {
                    UUID id = uuid(r, "id");
                    ServiceSpec spec = spec("", r.bodyAs(NewService.class));
                    return ApiResponse.created(Description.of(store.serviceDescriptions().addService(id, spec)));
                }))
                .get(services, answering(r -> ApiResponse.ok(store.serviceDescriptions().list(hostedClient(store, r)).stream()
                        .flatMap(d -> d.services().stream().map(s -> Service.of(s, d))).toList())))
                .get(services + "/{serviceCode}", answering(r -> ApiResponse.ok(serviceJson(service(r)))))
                .patch(services + "/{serviceCode}", answering(this::changeService))
                .delete(services + "/{serviceCode}", answering(r -> {
                    store.serviceDescriptions().deleteService(service(r));
                    return ApiResponse.noContent();
                }))
                .get(services + "/{serviceCode}/endpoints", answering(r -> ApiResponse.ok(store.endpoints()
                        .list(hostedClient(store, r), r.pathVariable("serviceCode")).stream().map(EndpointJson::of).toList())))
                .post(services + "/{serviceCode}/endpoints", answering(r -> {
                    ClientId client = client(r);
                    Endpoint endpoint = endpoint(r.pathVariable("serviceCode"), r.bodyAs(NewEndpoint.class));
                    return ApiResponse.created(EndpointJson.of(store.endpoints().add(client, endpoint)));
                }))
                .post(services + "/{serviceCode}/endpoints/delete", answering(r -> {
                    ClientId client = client(r);
                    store.endpoints().remove(client, endpoint(r.pathVariable("serviceCode"),
                            r.bodyAs(NewEndpoint.class)));
                    return ApiResponse.noContent();
                }));
    }

    private ApiResponse addDescription(ApiRequest r) {
        ClientId client = client(r);
        NewDescription body = r.bodyAs(NewDescription.class);
        ServiceType type = enumValue("type", ServiceType.class, required("type", body.type()));
        if (body.services().isEmpty() && type == ServiceType.WSDL) {
            return ApiResponse.created(Description.of(importer.addWsdl(client, url("url", body.url()))));
        }
        if (body.services().isEmpty() && type == ServiceType.OPENAPI3) {
            return ApiResponse.created(Description.of(importer.addOpenApi(client, url("url", body.url()),
                    body.serviceCode().orElseThrow(() -> FieldException.invalid("serviceCode",
                            "serviceCode is required for an OpenAPI document without services")))));
        }
        if (body.serviceCode().isPresent()) {
            throw FieldException.invalid("serviceCode",
                    "serviceCode names the service of a downloaded OpenAPI document; give services instead");
        }
        var specs = new ArrayList<ServiceSpec>();
        List<NewService> services = body.services().orElse(List.of());
        for (int i = 0; i < services.size(); i++) {
            specs.add(spec("services[" + i + "].", services.get(i)));
        }
        return ApiResponse.created(Description.of(store.serviceDescriptions().add(client, type,
                url("url", body.url()), specs)));
    }

    private static ServiceSpec spec(String prefix, NewService s) {
        ServiceSpec spec = ServiceSpec.of(required(prefix + "serviceCode", s.serviceCode()));
        if (s.serviceVersion().isPresent()) {
            spec = spec.withVersion(s.serviceVersion().get());
        }
        if (s.url().isPresent()) {
            spec = spec.withUrl(url(prefix + "url", s.url().get()));
        }
        if (s.timeout().isPresent()) {
            spec = spec.withTimeout(Duration.ofSeconds(s.timeout().get()));
        }
        if (s.verifyTls().isPresent()) {
            spec = spec.withVerifyTls(s.verifyTls().get());
        }
        return spec;
    }

    private ApiResponse changeService(ApiRequest r) {
        ServiceId id = service(r);
        ServiceChange body = r.bodyAs(ServiceChange.class);
        var update = new ServiceUpdate(body.url().map(u -> url("url", u)), body.timeout().map(Duration::ofSeconds),
                body.verifyTls());
        store.serviceDescriptions().updateService(id, update);
        return ApiResponse.ok(serviceJson(id));
    }

    private static Endpoint endpoint(String serviceCode, NewEndpoint body) {
        return new Endpoint(serviceCode, required("method", body.method()), required("path", body.path()));
    }

    private Service serviceJson(ServiceId id) {
        Optional<ServiceDescription> d = store.serviceDescriptions().descriptionOf(id);
        return d.flatMap(desc -> desc.services().stream().filter(s -> s.id().equals(id)).findFirst()
                        .map(s -> Service.of(s, desc)))
                .orElseThrow(() -> new FieldException(404, "not_found", "serviceCode", "no service " + id));
    }

    private ServiceDescription description(ApiRequest r) {
        UUID id = uuid(r, "id");
        return store.serviceDescriptions().get(id)
                .orElseThrow(() -> new FieldException(404, "not_found", "id", "no service description " + id));
    }
}
