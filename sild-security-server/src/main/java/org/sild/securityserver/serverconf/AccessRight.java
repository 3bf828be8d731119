package org.sild.securityserver.serverconf;

import java.util.Objects;
import org.sild.core.id.ClientId;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.LocalGroupId;
import org.sild.core.id.XRoadId;

/**
 * A grant to call a service: who ({@code subject}: a member, a subsystem, a global group or a local
 * group of the service's owner), which service code, and for REST which endpoints.
 *
 * @param method HTTP method, or {@code *} for all (SOAP grants always use {@code *})
 * @param pathGlob REST path glob: {@code *} matches within one segment, {@code **} anything;
 *     {@code **} for the whole service
 */
public record AccessRight(XRoadId subject, String serviceCode, String method, String pathGlob) {

    public AccessRight {
        Objects.requireNonNull(subject, "subject");
        if (!(subject instanceof ClientId || subject instanceof GlobalGroupId || subject instanceof LocalGroupId)) {
            throw new IllegalArgumentException("access rights are granted to clients and groups, not " + subject);
        }
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathGlob, "pathGlob");
    }

    /**
     * Whether this right covers a request with {@code method} to {@code path} under the service: the
     * method equal ignoring case or {@code *}, the path matching the glob. {@code path} must be
     * percent-decoded and normalised by the caller (which denies paths still containing {@code ..}).
     */
    public boolean covers(String method, String path) {
        return (this.method.equals("*") || this.method.equalsIgnoreCase(method)) && PathGlob.matches(pathGlob, path);
    }

    /** A grant on the whole service (every method, every path). */
    public static AccessRight wholeService(XRoadId subject, String serviceCode) {
        return new AccessRight(subject, serviceCode, "*", "**");
    }
}
