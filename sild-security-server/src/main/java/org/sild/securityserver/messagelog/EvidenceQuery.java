package org.sild.securityserver.messagelog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.runtime.store.Store;

/**
 * Finds the signed documents of a message id for one client, for the signed document download
 * service ({@code /asic}, digest 05 §5). Only records still in the store are found.
 *
 * <p>A record belongs to a client when the client is the record's service client or its service
 * provider: X-Road keeps only the local party of a record (the client on the consumer's server, the
 * provider on the provider's), this store keeps both. Thread-safe; every call reads the store.
 */
public final class EvidenceQuery {

    private final Store store;

    public EvidenceQuery(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The records with message id {@code queryId} of {@code client}, in log order; only responses or
     * only requests when {@code response} is given.
     *
     * @throws org.sild.core.fault.XRoadException {@code DatabaseError} when the store fails or a
     *         record's time-stamp data is inconsistent
     */
    public List<SignedDocument> find(String queryId, ClientId client, Optional<Boolean> response) {
        return store.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(EvidenceRows.SELECT
                    + " WHERE m.query_id = ? ORDER BY m.id")) {
                ps.setString(1, queryId);
                try (ResultSet rs = ps.executeQuery()) {
                    var out = new ArrayList<SignedDocument>();
                    while (rs.next()) {
                        SignedDocument d = EvidenceRows.read(rs);
                        LogRecord r = d.record();
                        if ((r.client().equals(client) || r.service().provider().equals(client))
                                && response.map(x -> x == r.response()).orElse(true)) {
                            out.add(d);
                        }
                    }
                    return out;
                }
            }
        });
    }
}
