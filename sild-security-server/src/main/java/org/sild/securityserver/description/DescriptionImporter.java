package org.sild.securityserver.description;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.serverconf.DescriptionDocument;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceDescription;
import org.sild.securityserver.serverconf.ServiceDescriptions;
import org.sild.securityserver.serverconf.ServiceSpec;

/**
 * Registers and refreshes WSDL and OpenAPI service descriptions from their documents: downloads the
 * document, reads and validates it, and stores it with the services (and endpoints) it declares.
 * A document with problems is refused as a whole with the report ({@link InvalidDescriptionException});
 * nothing is stored then.
 *
 * <p>Generated endpoints have X-Road's paths: a template parameter such as {@code {id}} becomes
 * {@code *}. A WSDL service's URL is its port's SOAP address (the description's URL when the port has no
 * usable one); an OpenAPI service's URL is the document's first server. On refresh, services that
 * stay keep their URL, timeout and TLS setting; services that are gone take their access rights with
 * them, and so do generated endpoints that are gone. Thread-safe.
 */
public final class DescriptionImporter {

    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^{}/]+}");

    private final ServerConfStore store;
    private final DocumentSource source;

    public DescriptionImporter(ServerConfStore store, DocumentSource source) {
        this.store = Objects.requireNonNull(store, "store");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Downloads the WSDL at {@code url} and registers it with its services for {@code client}. */
    public ServiceDescription addWsdl(ClientId client, URI url) {
        return descriptions().add(client, wsdl(client, url, Optional.empty()));
    }

    /** Downloads the OpenAPI 3 document at {@code url} and registers it as service {@code serviceCode} of {@code client}. */
    public ServiceDescription addOpenApi(ClientId client, URI url, String serviceCode) {
        return descriptions().add(client, openApi(client, url, serviceCode, Optional.empty()));
    }

    /**
     * Downloads the description's document again and replaces its services (and generated endpoints).
     * A REST base URL has no document: refreshing it only records the time.
     */
    public ServiceDescription refresh(UUID descriptionId) {
        ServiceDescription d = descriptions().get(descriptionId).orElseThrow(() -> new InvalidDescriptionException(
                "The service description", List.of("no service description " + descriptionId)));
        return switch (d.type()) {
            case WSDL -> descriptions().refresh(descriptionId, wsdl(d.client(), d.url(), Optional.of(d)));
            case OPENAPI3 -> descriptions().refresh(descriptionId, openApi(d.client(), d.url(),
                    d.services().isEmpty() ? "" : d.services().getFirst().id().serviceCode(), Optional.of(d)));
            case REST -> descriptions().refresh(descriptionId, d.services().stream().map(DescriptionImporter::spec)
                    .toList());
        };
    }

    private DescriptionDocument wsdl(ClientId client, URI url, Optional<ServiceDescription> existing) {
        byte[] content = source.fetch(url);
        var specs = new ArrayList<ServiceSpec>();
        var problems = new ArrayList<String>();
        for (WsdlReader.WsdlService s : WsdlReader.read(content)) {
            ServiceSpec spec = ServiceSpec.of(s.code());
            if (s.version().isPresent()) {
                spec = spec.withVersion(s.version().get());
            }
            if (s.address().isPresent()) {
                spec = spec.withUrl(s.address().get());
            }
            specs.add(keepSettings(client, spec, existing, problems));
        }
        report("The WSDL", problems);
        return new DescriptionDocument(ServiceType.WSDL, url, content, specs, List.of());
    }

    private DescriptionDocument openApi(ClientId client, URI url, String serviceCode,
            Optional<ServiceDescription> existing) {
        var problems = new ArrayList<String>();
        if (ReservedCodes.isReserved(serviceCode)) {
            problems.add("service code " + serviceCode + " is reserved for X-Road's own services " + ReservedCodes.CODES);
        }
        report("The OpenAPI service", problems);
        byte[] content = source.fetch(url);
        OpenApiReader.OpenApi api = OpenApiReader.read(content, url);
        ServiceSpec spec = keepSettings(client, ServiceSpec.of(serviceCode).withUrl(api.baseUrl()), existing, problems);
        report("The OpenAPI document", problems);
        List<Endpoint> endpoints = api.operations().stream()
                .map(o -> new Endpoint(serviceCode, o.method(), endpointPath(o.path()))).distinct().toList();
        return new DescriptionDocument(ServiceType.OPENAPI3, url, content, List.of(spec), endpoints);
    }

    /**
     * An OpenAPI path template as X-Road stores and lists it (PR-MREST Annex B: {@code /pet/{petId}}
     * becomes {@code /pet/*}): every parameter segment part becomes the one-segment glob {@code *}.
     */
    static String endpointPath(String template) {
        return TEMPLATE_PARAMETER.matcher(template).replaceAll("*");
    }

    /** The service as the document gives it, with the settings it has now if it exists in {@code existing}. */
    private ServiceSpec keepSettings(ClientId client, ServiceSpec spec, Optional<ServiceDescription> existing,
            List<String> problems) {
        ServiceId id;
        try {
            id = new ServiceId(client, spec.code(), spec.version());
        } catch (RuntimeException e) {
            problems.add("service code '" + spec.code() + "' is not valid: " + e.getMessage());
            return spec;
        }
        Optional<ServiceDescription> owner = descriptions().descriptionOf(id);
        if (owner.isPresent() && existing.map(e -> !e.id().equals(owner.get().id())).orElse(true)) {
            problems.add("service " + spec.code() + spec.version().map(v -> " version " + v).orElse("")
                    + " exists already in service description " + owner.get().url());
            return spec;
        }
        return existing.flatMap(e -> e.services().stream().filter(s -> s.id().equals(id)).findFirst())
                .map(s -> spec(s)).orElse(spec);
    }

    private static ServiceSpec spec(LocalService s) {
        ServiceSpec spec = ServiceSpec.of(s.id().serviceCode()).withUrl(s.url()).withTimeout(s.timeout())
                .withVerifyTls(s.verifyTls());
        return s.id().serviceVersion().map(spec::withVersion).orElse(spec);
    }

    private static void report(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidDescriptionException(what, problems);
        }
    }

    private ServiceDescriptions descriptions() {
        return store.serviceDescriptions();
    }
}
