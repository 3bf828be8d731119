package org.sild.securityserver.metadata;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.rest.RestRequest;
import org.sild.core.soap.SoapMessage;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalService;

/**
 * The metaservices a provider's security server answers itself (digest 06 §2, 02 §7): it turns a
 * verified request into the answer the information system would otherwise give. Signing, logging
 * and the request hash stay with the server proxy.
 *
 * <p>Thread-safe if its catalogue and downloader are; one instance serves every request.
 */
public final class Metaservices {

    /** Largest WSDL or OpenAPI document accepted from a service description's URL, in bytes. */
    public static final int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

    private final SoapMetaservices soap;
    private final RestMetaservices rest;

    /** Metaservices over {@code catalog}, downloading documents with {@code downloader}. */
    public Metaservices(ServiceCatalog catalog, Downloader downloader, Random random) {
        this(catalog, downloader, random, provider -> List.of());
    }

    /** Metaservices that also list the services {@code builtIns} names for each provider. */
    public Metaservices(ServiceCatalog catalog, Downloader downloader, Random random, BuiltIns builtIns) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(downloader, "downloader");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(builtIns, "builtIns");
        this.soap = new SoapMetaservices(catalog, downloader, random, builtIns);
        this.rest = new RestMetaservices(catalog, downloader, builtIns);
    }

    /**
     * A service the security server answers itself for a provider, in no description (the Data
     * Tracker's {@code findUsage}): listed as a SOAP service with {@code soapVersion} when present,
     * as a REST service with {@code restEndpoints} when there are any.
     */
    public record BuiltIn(String serviceCode, Optional<String> soapVersion, List<Endpoint> restEndpoints) {
        public BuiltIn {
            Objects.requireNonNull(serviceCode, "serviceCode");
            Objects.requireNonNull(soapVersion, "soapVersion");
            restEndpoints = List.copyOf(restEndpoints);
        }
    }

    /** The built-in services of a provider, for the service lists. */
    @FunctionalInterface
    public interface BuiltIns {
        List<BuiltIn> of(ClientId provider);
    }

    /** The grants a client holds on a service (directly or through its groups), for {@code allowedMethods}. */
    @FunctionalInterface
    public interface Grants {
        List<AccessRight> of(ClientId client, ServiceId service);
    }

    /**
     * Downloads a service description's document ({@code url}) the way services are called: the
     * service's timeout and TLS verification apply. Fails with an {@code XRoadException}.
     */
    @FunctionalInterface
    public interface Downloader {
        Document get(LocalService service, URI url);
    }

    /** A downloaded document: its HTTP Content-Type, if any, and its bytes (at most {@link #MAX_DOCUMENT_BYTES}). */
    public record Document(Optional<String> contentType, byte[] body) {
        public Document {
            Objects.requireNonNull(contentType, "contentType");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /** An answer: a Content-Type and a whole body (the request's size bounds it: service lists and one document). */
    public record Answer(String contentType, byte[] body) {
        public Answer {
            Objects.requireNonNull(contentType, "contentType");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /** The SOAP metaservice a request calls, if it calls one (recognised by service code alone, as X-Road does). */
    public static Optional<Metaservice> soapService(SoapMessage request) {
        return Metaservice.soap(request.header().service().serviceCode());
    }

    /** The REST metaservice a request calls: only {@code GET} requests are metaservice calls. */
    public static Optional<Metaservice> restService(RestRequest request) {
        return "GET".equals(request.method().name()) ? Metaservice.rest(request.service().serviceCode())
                : Optional.empty();
    }

    /**
     * The SOAP answer to a metaservice request, without the request hash: a plain SOAP message for
     * {@code listMethods}/{@code allowedMethods}, a multipart/related package with the WSDL for {@code getWsdl}.
     */
    public Answer answer(SoapMessage request, Grants grants) {
        return soap.answer(soapService(request).orElseThrow(), request, grants);
    }

    /** The body of the REST answer (HTTP 200) to a metaservice request. */
    public Answer answer(RestRequest request, Grants grants) {
        return rest.answer(restService(request).orElseThrow(), request, grants);
    }
}
