package org.sild.securityserver.serverconf;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sild.securityserver.serverconf.LocalService.ServiceType;

/**
 * What a downloaded WSDL or OpenAPI document yields for its service description: the document itself
 * (kept so that getWsdl and getOpenAPI can return it), the services it declares and, for OpenAPI, the
 * endpoints of its one service. Endpoints registered this way are replaced when the description is
 * {@linkplain ServiceDescriptions#refresh(java.util.UUID, DescriptionDocument) refreshed}; endpoints
 * added by hand stay.
 *
 * @param url where the document was downloaded from (the description's URL)
 * @param content the document as downloaded; the array is copied in and out
 */
public record DescriptionDocument(ServiceType type, URI url, byte[] content, List<ServiceSpec> services,
        List<Endpoint> endpoints) {

    public DescriptionDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        content = content.clone();
        services = List.copyOf(services);
        endpoints = List.copyOf(endpoints);
        if (type == ServiceType.REST) {
            throw LocalConfException.invalid("type", "a REST base URL has no document");
        }
        if (type == ServiceType.WSDL && !endpoints.isEmpty()) {
            throw LocalConfException.invalid("endpoints", "a WSDL has no REST endpoints");
        }
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DescriptionDocument d && type == d.type && url.equals(d.url)
                && Arrays.equals(content, d.content) && services.equals(d.services)
                && endpoints.equals(d.endpoints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, url, Arrays.hashCode(content), services, endpoints);
    }

    @Override
    public String toString() {
        return "DescriptionDocument[" + type + " " + url + ", " + content.length + " bytes, " + services.size()
                + " services, " + endpoints.size() + " endpoints]";
    }
}
