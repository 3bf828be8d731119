package org.sild.centralserver.registry;

import java.util.List;
import java.util.Optional;
import org.sild.core.management.ManagementRequest;
import org.sild.core.management.ManagementRequestType;

/**
 * The management requests of the {@link Registry}: what the management services record after
 * they have parsed and verified a request on the wire, and what administrators approve or reject.
 *
 * <p>As X-Road's central server (digest/04 §9.1): a request is checked against the registry when
 * it is submitted; authentication certificate registrations, client registrations and owner
 * changes wait in state {@link RequestState#SUBMITTED} unless the matching auto-approval setting
 * is on and its conditions hold (the owner or client member exists; for a client registration the
 * server is registered too), in which case they are approved at once; every other request takes
 * effect when submitted and is recorded as approved. A client or authentication certificate
 * deletion for something only pending revokes the pending registration. Approving applies the
 * change and checks its conditions again: an authentication certificate registration needs its
 * owner member and creates the server when its code is new; a client registration needs the
 * server (so its authentication certificate registration first) and the client's member, and
 * creates a new subsystem. An {@code authCertReg} with {@code dryRun} true (X-Road 7.8) is only
 * checked: nothing is recorded and its id is 0. Submissions are audited as {@value Registry#MANAGEMENT_SERVICE},
 * decisions as the administrator named. Thread-safe.
 */
public final class ManagementRequests {

    /** Longest origin text recorded. */
    public static final int MAX_ORIGIN = 500;
    /** Who automatic decisions are recorded as made by. */
    public static final String AUTOMATIC = "automatic";

    private final Registry registry;

    ManagementRequests(Registry registry) {
        this.registry = registry;
    }

    /**
     * Records {@code request} from {@code origin} (for example the security server's address),
     * applying it at once when it needs no approval or is auto-approved.
     *
     * @return the request's id, the {@code requestId} of the management service's response; 0 for a
     *         dry run, which is checked as a submission but not recorded
     * @throws RegistryException when the request contradicts the registry (unknown server, client
     *         registered already, a registration of the same pending, ...) naming what
     */
    public long submit(ManagementRequest request, String origin) {
        String from = Checks.text("origin", origin, MAX_ORIGIN);
        ManagementRequest checked = RequestEffects.normalise(registry, request);
        if (checked instanceof ManagementRequest.AuthCertReg r && r.dryRun().orElse(false)) {
            registry.read(tx -> {
                RequestEffects.checkSubmission(tx, registry, checked);
                return null;
            });
            return 0;
        }
        return registry.as(Registry.MANAGEMENT_SERVICE).change(tx -> {
            RequestEffects.checkSubmission(tx, registry, checked);
            long id = RequestRows.insert(tx, checked, from);
            RequestState state = RequestState.SUBMITTED;
            if (!needsApproval(checked.type()) || RequestEffects.autoApprovable(tx, registry, checked)) {
                RequestEffects.apply(tx, registry, checked, id);
                RequestRows.decide(tx, id, RequestState.APPROVED, AUTOMATIC);
                state = RequestState.APPROVED;
            }
            tx.audit("management-request.submit", "REQUEST:" + id, "type", checked.type().serviceCode(),
                    "server", checked.server().toString(), "origin", from, "state", state);
            return id;
        });
    }

    /**
     * Whether a request of {@code type} waits for an administrator (or an auto-approval setting):
     * registrations and owner changes do; deletions and changes to registered things take effect at
     * once (digest/04 §9.1).
     */
    public static boolean needsApproval(ManagementRequestType type) {
        return type == ManagementRequestType.AUTH_CERT_REG || type == ManagementRequestType.CLIENT_REG
                || type == ManagementRequestType.OWNER_CHANGE;
    }

    /** Approves submitted request {@code id} for administrator {@code who}: applies it. */
    public RecordedRequest approve(long id, String who) {
        return registry.as(who).change(tx -> {
            RecordedRequest r = submitted(tx, id);
            RequestEffects.apply(tx, registry, r.request(), id);
            RequestRows.decide(tx, id, RequestState.APPROVED, tx.actor());
            tx.audit("management-request.approve", "REQUEST:" + id, "type", r.request().type().serviceCode(),
                    "server", r.request().server().toString());
            return RequestRows.get(tx, registry, id).orElseThrow();
        });
    }

    /** Rejects submitted request {@code id} for administrator {@code who}. */
    public RecordedRequest reject(long id, String who) {
        return registry.as(who).change(tx -> {
            RecordedRequest r = submitted(tx, id);
            RequestRows.decide(tx, id, RequestState.REJECTED, tx.actor());
            tx.audit("management-request.reject", "REQUEST:" + id, "type", r.request().type().serviceCode(),
                    "server", r.request().server().toString());
            return RequestRows.get(tx, registry, id).orElseThrow();
        });
    }

    public Optional<RecordedRequest> get(long id) {
        return registry.read(tx -> RequestRows.get(tx, registry, id));
    }

    /** The requests {@code filter} selects, newest first. */
    public List<RecordedRequest> list(RequestFilter filter) {
        return registry.read(tx -> RequestRows.list(tx, registry, filter));
    }

    private RecordedRequest submitted(Tx tx, long id) throws java.sql.SQLException {
        RecordedRequest r = RequestRows.get(tx, registry, id)
                .orElseThrow(() -> RegistryException.notFound("id", "no management request " + id));
        if (r.state() != RequestState.SUBMITTED) {
            throw RegistryException.conflict("id", "management request " + id + " is " + r.state()
                    + "; only a submitted request can be decided");
        }
        return r;
    }
}
