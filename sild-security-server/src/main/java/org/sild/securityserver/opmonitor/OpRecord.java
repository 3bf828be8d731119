package org.sild.securityserver.opmonitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.rest.RestRequest;
import org.sild.core.soap.SoapHeader;

/**
 * The operational data record of one exchange on one side (PR-OPMON, digest 06 §3.4), filled in
 * as the exchange goes and handed to {@link OpMonitor#submit} when it ends. Fields never set are
 * absent from the record; strings are cut to X-Road's limits (255, {@code faultString} 2048).
 *
 * <p>Mutable and not thread-safe: it belongs to the thread running the exchange until submitted.
 */
public final class OpRecord {

    /** Which side recorded the exchange ({@code securityServerType}). */
    public enum Side {
        CLIENT("Client"), PRODUCER("Producer");

        private final String json;

        Side(String json) {
            this.json = json;
        }

        /** Its JSON spelling. */
        public String json() {
            return json;
        }
    }

    /** Every field name a record may have, in output order ({@code outputField} values; see digest 06 §3.4). */
    public static final List<String> FIELDS = List.of("monitoringDataTs", "securityServerInternalIp",
            "securityServerType", "requestInTs", "requestOutTs", "responseInTs", "responseOutTs",
            "clientXRoadInstance", "clientMemberClass", "clientMemberCode", "clientSubsystemCode",
            "serviceXRoadInstance", "serviceMemberClass", "serviceMemberCode", "serviceSubsystemCode", "serviceCode",
            "serviceVersion", "representedPartyClass", "representedPartyCode", "messageId", "messageUserId",
            "messageIssue", "messageProtocolVersion", "clientSecurityServerAddress", "serviceSecurityServerAddress",
            "requestSize", "requestMimeSize", "requestAttachmentCount", "responseSize", "responseMimeSize",
            "responseAttachmentCount", "succeeded", "faultCode", "faultString", "serviceType", "statusCode",
            "restMethod", "restPath", "xRoadVersion", "xRequestId");

    private static final int MAX_STRING = 255;
    private static final int MAX_FAULT_STRING = 2048;

    private final Side side;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private Optional<ClientId> client = Optional.empty();
    private Optional<ServiceId> service = Optional.empty();
    private boolean answeredLocally;

    OpRecord(Side side, long requestInTs, String internalIp) {
        this.side = side;
        fields.put("securityServerInternalIp", internalIp);
        fields.put("securityServerType", side.json());
        fields.put("requestInTs", requestInTs);
        fields.put("succeeded", false);
    }

    /** A record of {@code side} for an exchange whose request arrived at {@code requestInTs} (epoch ms). */
    public static OpRecord start(Side side, long requestInTs) {
        return new OpRecord(side, requestInTs, "127.0.0.1");
    }

    public Side side() {
        return side;
    }

    /** The service client. */
    public OpRecord client(ClientId id) {
        client = Optional.of(id);
        put("clientXRoadInstance", id.instance());
        put("clientMemberClass", id.memberClass());
        put("clientMemberCode", id.memberCode());
        id.subsystemCode().ifPresent(v -> put("clientSubsystemCode", v));
        return this;
    }

    /** The service (provider, code and, for SOAP, version). */
    public OpRecord service(ServiceId id) {
        service = Optional.of(id);
        ClientId provider = id.provider();
        put("serviceXRoadInstance", provider.instance());
        put("serviceMemberClass", provider.memberClass());
        put("serviceMemberCode", provider.memberCode());
        provider.subsystemCode().ifPresent(v -> put("serviceSubsystemCode", v));
        put("serviceCode", id.serviceCode());
        id.serviceVersion().ifPresent(v -> put("serviceVersion", v));
        return this;
    }

    /** The message headers: id, user id, issue and protocol version (the absent ones stay absent). */
    public OpRecord message(String id, Optional<String> userId, Optional<String> issue, Optional<String> protocolVersion) {
        put("messageId", id);
        userId.ifPresent(v -> put("messageUserId", v));
        issue.ifPresent(v -> put("messageIssue", v));
        protocolVersion.ifPresent(v -> put("messageProtocolVersion", v));
        return this;
    }

    /** Everything a SOAP header tells: client, service, message headers, represented party; service type WSDL. */
    public OpRecord soap(SoapHeader header) {
        client(header.client());
        service(header.service());
        message(header.id(), header.userId(), header.issue(), Optional.of(header.protocolVersion()));
        header.representedParty().ifPresent(p -> representedParty(p.partyClass(), p.partyCode()));
        return serviceType("WSDL");
    }

    /** Everything a REST request tells: client, service, message headers, method, path, represented party. */
    public OpRecord rest(RestRequest request) {
        client(request.client());
        service(request.service());
        message(request.messageId(), request.userId(), request.issue(), Optional.empty());
        request.representedParty().ifPresent(p -> representedParty(p.partyClass(), p.partyCode()));
        xRequestId(request.requestId());
        return rest(request.method().name(), request.servicePath(), "r1");
    }

    /** A fault the other side answered with (the exchange then did not succeed). */
    public OpRecord fault(String faultCode, String faultString) {
        put("faultCode", faultCode);
        return put("faultString", faultString);
    }

    /** The represented party (SOAP extension / {@code X-Road-Represented-Party}). */
    public OpRecord representedParty(Optional<String> partyClass, String partyCode) {
        partyClass.ifPresent(v -> put("representedPartyClass", v));
        put("representedPartyCode", partyCode);
        return this;
    }

    /** A REST request: method, service path and protocol version ({@code r1}). */
    public OpRecord rest(String method, String path, String xRoadVersion) {
        put("restMethod", method);
        put("restPath", path);
        put("xRoadVersion", xRoadVersion);
        return this;
    }

    /** {@code WSDL}, {@code REST} or {@code OPENAPI3}. */
    public OpRecord serviceType(String value) {
        return put("serviceType", value);
    }

    /** The {@code X-Road-Request-Id} shared by both sides of the exchange. */
    public OpRecord xRequestId(String value) {
        return put("xRequestId", value);
    }

    /** The external addresses of the client's and the service's security servers, where known. */
    public OpRecord securityServerAddresses(Optional<String> clientServer, Optional<String> serviceServer) {
        clientServer.ifPresent(v -> put("clientSecurityServerAddress", v));
        serviceServer.ifPresent(v -> put("serviceSecurityServerAddress", v));
        return this;
    }

    /** The request's message size (SOAP part / REST body), its whole MIME size and its attachment count. */
    public OpRecord requestSizes(long size, long mimeSize, int attachments) {
        put("requestSize", size);
        put("requestMimeSize", mimeSize);
        return put("requestAttachmentCount", attachments);
    }

    /** The response's message size, whole MIME size and attachment count. */
    public OpRecord responseSizes(long size, long mimeSize, int attachments) {
        put("responseSize", size);
        put("responseMimeSize", mimeSize);
        return put("responseAttachmentCount", attachments);
    }

    /** When the request left this server (epoch ms). */
    public OpRecord requestOut(long ts) {
        return put("requestOutTs", ts);
    }

    /** When the response arrived at this server (epoch ms). */
    public OpRecord responseIn(long ts) {
        return put("responseInTs", ts);
    }

    /**
     * A metaservice this server answers itself, without calling a service: as X-Road records it, the
     * request goes out when it came in and the response comes in when it goes out.
     */
    public OpRecord answeredLocally() {
        answeredLocally = true;
        number("requestInTs").ifPresent(this::requestOut);
        return this;
    }

    /** REST: the HTTP status the provider answered with. */
    public OpRecord statusCode(int status) {
        return put("statusCode", status);
    }

    /**
     * Ends the record: succeeded unless {@code faultCode} is present (then failed with that code and
     * string) or a {@link #fault} was recorded.
     */
    public OpRecord finish(long responseOutTs, Optional<String> faultCode, Optional<String> faultString) {
        put("responseOutTs", responseOutTs);
        if (answeredLocally) {
            put("responseInTs", responseOutTs);
        }
        faultCode.ifPresent(v -> put("faultCode", v));
        faultString.ifPresent(v -> put("faultString", v));
        fields.put("succeeded", !fields.containsKey("faultCode"));
        return this;
    }

    /** The service client, once known. */
    public Optional<ClientId> clientId() {
        return client;
    }

    /** The service, once known. */
    public Optional<ServiceId> serviceId() {
        return service;
    }

    /** Whether the exchange succeeded (false until {@link #finish}). */
    public boolean succeeded() {
        return Boolean.TRUE.equals(fields.get("succeeded"));
    }

    /** A numeric field, if set. */
    public Optional<Long> number(String field) {
        return Optional.ofNullable(fields.get(field)).filter(Number.class::isInstance).map(v -> ((Number) v).longValue());
    }

    /** A text field, if set. */
    public Optional<String> text(String field) {
        return Optional.ofNullable(fields.get(field)).filter(String.class::isInstance).map(String.class::cast);
    }

    /** The record as its JSON object, without {@code monitoringDataTs} (the store sets that). */
    public Map<String, Object> fields() {
        return new LinkedHashMap<>(fields);
    }

    /** The lookup key of a client: {@code instance/class/member[/subsystem]}. */
    static String key(ClientId id) {
        return id.instance() + "/" + id.memberClass() + "/" + id.memberCode()
                + id.subsystemCode().map(s -> "/" + s).orElse("");
    }

    private OpRecord put(String field, Object value) {
        if (value instanceof String s) {
            int max = field.equals("faultString") ? MAX_FAULT_STRING : MAX_STRING;
            fields.put(field, s.length() > max ? s.substring(0, max) : s);
        } else {
            fields.put(field, value);
        }
        return this;
    }
}
