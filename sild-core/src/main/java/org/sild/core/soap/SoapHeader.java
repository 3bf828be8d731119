package org.sild.core.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;

/**
 * The X-Road headers of a SOAP message (PR-MESS §2.2 and the PR-TARGETSS, PR-THIRDPARTY and
 * PR-SECTOKEN extensions), as read by {@link SoapParser}.
 *
 * <p>Optional headers that were present but empty ({@code <xrd:issue/>}) are present with the empty
 * string, as X-Road compares them. {@link #otherHeaders()} names the header elements the parser
 * did not interpret; they stay untouched in the message bytes. Immutable; build with
 * {@link #builder()}.
 */
public record SoapHeader(
        ClientId client,
        ServiceId service,
        String id,
        String protocolVersion,
        Optional<String> userId,
        Optional<String> issue,
        Optional<RequestHash> requestHash,
        Optional<SecurityServerId> securityServer,
        Optional<RepresentedParty> representedParty,
        Optional<SecurityToken> securityToken,
        List<QName> otherHeaders) {

    /** The protocol version Sild writes; any version starting with {@code 4.} is accepted. */
    public static final String PROTOCOL_VERSION = "4.0";

    public SoapHeader {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(securityServer, "securityServer");
        Objects.requireNonNull(representedParty, "representedParty");
        Objects.requireNonNull(securityToken, "securityToken");
        otherHeaders = List.copyOf(otherHeaders);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code version} is one X-Road accepts: anything that starts with {@code 4.}. */
    public static boolean isSupportedProtocolVersion(String version) {
        return version.startsWith("4.");
    }

    /**
     * Checks that {@code response} echoes the headers X-Road compares: client, service, userId,
     * representedParty, issue and id ({@code protocolVersion}, {@code securityServer} and the
     * others are not compared).
     *
     * @throws XRoadException {@code InconsistentHeaders}, naming the first header that differs
     */
    public void checkConsistentResponse(SoapHeader response) {
        same("client", client, response.client);
        same("service", service, response.service);
        same("userId", userId, response.userId);
        same("representedParty", representedParty, response.representedParty);
        same("issue", issue, response.issue);
        same("id", id, response.id);
    }

    /** This header with {@code hash} as its {@code requestHash}. */
    public SoapHeader withRequestHash(RequestHash hash) {
        return new SoapHeader(client, service, id, protocolVersion, userId, issue, Optional.of(hash),
                securityServer, representedParty, securityToken, otherHeaders);
    }

    private static void same(String field, Object request, Object response) {
        if (!request.equals(response)) {
            throw new XRoadException(ErrorCode.INCONSISTENT_HEADERS, "header field '" + field
                    + "' does not match in request and response: " + show(request) + " vs " + show(response));
        }
    }

    private static String show(Object value) {
        Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
        return v == null ? "(absent)" : "'" + v + "'";
    }

    /** Assembles a {@link SoapHeader}; {@code protocolVersion} defaults to {@value #PROTOCOL_VERSION}. */
    public static final class Builder {
        private ClientId client;
        private ServiceId service;
        private String id;
        private String protocolVersion = PROTOCOL_VERSION;
        private Optional<String> userId = Optional.empty();
        private Optional<String> issue = Optional.empty();
        private Optional<RequestHash> requestHash = Optional.empty();
        private Optional<SecurityServerId> securityServer = Optional.empty();
        private Optional<RepresentedParty> representedParty = Optional.empty();
        private Optional<SecurityToken> securityToken = Optional.empty();
        private final List<QName> otherHeaders = new ArrayList<>();

        private Builder() {
        }

        public Builder client(ClientId value) {
            client = value;
            return this;
        }

        public Builder service(ServiceId value) {
            service = value;
            return this;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder protocolVersion(String value) {
            protocolVersion = value;
            return this;
        }

        public Builder userId(String value) {
            userId = Optional.of(value);
            return this;
        }

        public Builder issue(String value) {
            issue = Optional.of(value);
            return this;
        }

        public Builder requestHash(RequestHash value) {
            requestHash = Optional.of(value);
            return this;
        }

        public Builder securityServer(SecurityServerId value) {
            securityServer = Optional.of(value);
            return this;
        }

        public Builder representedParty(RepresentedParty value) {
            representedParty = Optional.of(value);
            return this;
        }

        public Builder securityToken(SecurityToken value) {
            securityToken = Optional.of(value);
            return this;
        }

        public Builder otherHeader(QName name) {
            otherHeaders.add(name);
            return this;
        }

        public SoapHeader build() {
            return new SoapHeader(client, service, id, protocolVersion, userId, issue, requestHash,
                    securityServer, representedParty, securityToken, otherHeaders);
        }
    }
}
