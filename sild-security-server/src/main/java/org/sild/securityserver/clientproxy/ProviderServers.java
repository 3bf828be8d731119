package org.sild.securityserver.clientproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.proxy.ProxySettings;

/**
 * Finds the security servers that can take a request for a provider (digest 03 §8): every server
 * whose owner or registered clients include the provider, minus those in maintenance mode; or only
 * the server the client named ({@code securityServer} header, {@code X-Road-Security-Server}).
 *
 * <p>An address is {@code host} (the message port is then {@link ProxySettings#remoteServerPort()})
 * or {@code host:port}; the OCSP port is the message port plus {@link ProxySettings#ocspPortOffset()}
 * (5500 → 5577). Immutable and thread-safe.
 */
final class ProviderServers {

    private final ProxySettings settings;

    ProviderServers(ProxySettings settings) {
        this.settings = settings;
    }

    /**
     * The endpoints to try for {@code provider}.
     *
     * @throws XRoadException (bare) {@code UnknownMember} when no server with an address serves the provider,
     *     {@code InvalidSecurityServer} when the named server is unknown or does not serve it,
     *     {@code MaintenanceMode} when every candidate is in maintenance mode
     */
    List<ProviderEndpoint> resolve(GlobalConf conf, ClientId provider, Optional<SecurityServerId> pinned) {
        SharedParametersIndex index = conf.instanceOf(provider).orElseThrow(() -> unknown(provider));
        List<SecurityServer> candidates;
        if (pinned.isPresent()) {
            SecurityServer server = conf.instance(pinned.get().owner().instance())
                    .flatMap(i -> i.securityServer(pinned.get()))
                    .filter(s -> index.serves(s.id(), provider))
                    .orElseThrow(() -> new XRoadException(ErrorCode.INVALID_SECURITY_SERVER, "Invalid security server "
                            + "'" + pinned.get() + "': it is unknown or does not serve '" + provider + "'"));
            candidates = List.of(server);
        } else {
            candidates = index.securityServers(provider);
        }
        if (candidates.isEmpty()) {
            throw unknown(provider);
        }
        List<SecurityServer> available = candidates.stream().filter(s -> !s.inMaintenanceMode()).toList();
        if (available.isEmpty()) {
            String message = candidates.get(0).maintenanceMode().flatMap(SecurityServer.MaintenanceMode::message)
                    .orElse("the security server is in maintenance mode");
            throw new XRoadException(ErrorCode.MAINTENANCE_MODE, "Security server '" + candidates.get(0).id()
                    + "' is in maintenance mode: " + message);
        }
        var endpoints = new ArrayList<ProviderEndpoint>();
        for (SecurityServer s : available) {
            s.address().filter(a -> !a.isBlank()).flatMap(a -> endpoint(s.id(), a)).ifPresent(endpoints::add);
        }
        if (endpoints.isEmpty()) {
            throw unknown(provider);
        }
        return endpoints.stream().distinct().toList();
    }

    /** The endpoint of {@code address}; empty when it is malformed (such addresses are skipped, as X-Road does). */
    Optional<ProviderEndpoint> endpoint(SecurityServerId server, String address) {
        String a = address.strip();
        String host = a;
        int port = settings.remoteServerPort();
        int colon = a.lastIndexOf(':');
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = a.substring(1, close);
            if (close + 1 < a.length()) {
                if (a.charAt(close + 1) != ':') {
                    return Optional.empty();
                }
                port = parsePort(a.substring(close + 2));
            }
        } else if (colon >= 0 && a.indexOf(':') == colon) {
            host = a.substring(0, colon);
            port = parsePort(a.substring(colon + 1));
        }
        int ocspPort = port + settings.ocspPortOffset();
        if (host.isEmpty() || port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new ProviderEndpoint(server, host, port, ocspPort));
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static XRoadException unknown(ClientId provider) {
        return new XRoadException(ErrorCode.UNKNOWN_MEMBER,
                "Could not find addresses for service provider '" + provider + "'");
    }
}
