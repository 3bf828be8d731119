package org.sild.securityserver.serverproxy;

import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.LocalGroupId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadId;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.ServerConf;

/**
 * Access rights of the provider (digest 01 §1, 02 §5): a client may call a service when a grant on
 * the service code names the client itself, a global group listing it, or a local group of the
 * service's owner containing it. REST grants also name a method ({@code *} for any) and a path
 * glob, matched against the percent-decoded, normalised service path; a path that still climbs with
 * {@code ..} is never allowed. Versions are ignored.
 *
 * <p>Stateless and thread-safe.
 */
final class AccessControl {

    private final ServerConf serverConf;

    AccessControl(ServerConf serverConf) {
        this.serverConf = serverConf;
    }

    /** A REST call: its method and raw service path ({@code ""} or starting with {@code /}). */
    record RestCall(String method, String rawPath) {
    }

    /** The grants on {@code service} whose subject is or contains {@code client} (for {@code allowedMethods}). */
    List<AccessRight> grants(GlobalConf conf, ClientId client, ServiceId service) {
        return serverConf.accessRights(service.provider(), service.serviceCode()).stream()
                .filter(r -> subjectMatches(conf, r.subject(), client, service.provider())).toList();
    }

    /** Whether {@code client} may call {@code service} (SOAP when {@code rest} is empty). */
    boolean allowed(GlobalConf conf, ClientId client, ServiceId service, Optional<RestCall> rest) {
        Optional<String> path = rest.map(r -> RequestPath.normalize(r.rawPath())).orElse(Optional.of(""));
        if (path.isEmpty()) {
            return false;
        }
        for (AccessRight right : serverConf.accessRights(service.provider(), service.serviceCode())) {
            if (subjectMatches(conf, right.subject(), client, service.provider())
                    && (rest.isEmpty() || right.covers(rest.get().method(), path.get()))) {
                return true;
            }
        }
        return false;
    }

    private boolean subjectMatches(GlobalConf conf, XRoadId subject, ClientId client, ClientId owner) {
        return switch (subject) {
            case ClientId c -> c.equals(client);
            case GlobalGroupId g -> conf.instance(g.instance()).map(i -> i.isMember(client, g)).orElse(false);
            case LocalGroupId l -> serverConf.localGroup(owner, l.groupCode()).map(m -> m.contains(client)).orElse(false);
            default -> false;
        };
    }
}
