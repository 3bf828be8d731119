package org.sild.securityserver.serverconf;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.sild.core.id.ClientId;

/**
 * The REST endpoints of hosted clients' services: method and path globs that access rights can be
 * granted on. Obtained from {@link ServerConfStore#endpoints()}; thread-safe; each change is one
 * transaction.
 */
public final class Endpoints {

    private final ServerConfStore store;

    Endpoints(ServerConfStore store) {
        this.store = store;
    }

    /** The endpoints registered for the client's service code (not the implicit whole-service one). */
    public List<Endpoint> list(ClientId client, String serviceCode) {
        return store.snapshot().descriptions().stream().filter(d -> d.client().equals(client))
                .flatMap(d -> d.endpoints().stream()).filter(e -> e.serviceCode().equals(serviceCode))
                .distinct().toList();
    }

    /**
     * Registers an endpoint of a REST service.
     *
     * @throws LocalConfException {@code NOT_FOUND} when the client has no REST service with the code,
     *         {@code CONFLICT} when the endpoint exists (the whole-service endpoint always does)
     */
    public Endpoint add(ClientId client, Endpoint endpoint) {
        store.change(c -> {
            Clients.requireClient(c, client);
            if (!Sql.exists(c, "SELECT 1 FROM conf_service s JOIN conf_service_description d ON s.description_id = d.id"
                    + " WHERE s.client_id = ? AND s.service_code = ? AND d.type <> 'WSDL'", Checks.key(client),
                    endpoint.serviceCode())) {
                throw LocalConfException.notFound("serviceCode", "client " + client + " has no REST service "
                        + endpoint.serviceCode());
            }
            if (endpoint.isWholeService() || exists(c, client, endpoint)) {
                throw LocalConfException.conflict("path", "endpoint " + endpoint.method() + " " + endpoint.path()
                        + " of " + endpoint.serviceCode() + " exists already");
            }
            return Sql.update(c, "INSERT INTO conf_endpoint (client_id, service_code, method, path) VALUES (?, ?, ?, ?)",
                    Checks.key(client), endpoint.serviceCode(), endpoint.method(), endpoint.path());
        });
        return endpoint;
    }

    /**
     * Removes an endpoint and the access rights granted on it.
     *
     * @throws LocalConfException {@code NOT_FOUND} when it is not registered
     */
    public void remove(ClientId client, Endpoint endpoint) {
        store.change(c -> {
            Clients.requireClient(c, client);
            if (!exists(c, client, endpoint)) {
                throw LocalConfException.notFound("path", "client " + client + " has no endpoint " + endpoint.method()
                        + " " + endpoint.path() + " of " + endpoint.serviceCode());
            }
            Object[] key = {Checks.key(client), endpoint.serviceCode(), endpoint.method(), endpoint.path()};
            Sql.update(c, "DELETE FROM conf_endpoint WHERE client_id = ? AND service_code = ? AND method = ?"
                    + " AND path = ?", key);
            return Sql.update(c, "DELETE FROM conf_access_right WHERE client_id = ? AND service_code = ? AND method = ?"
                    + " AND path = ?", key);
        });
    }

    static boolean exists(Connection c, ClientId client, Endpoint endpoint) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM conf_endpoint WHERE client_id = ? AND service_code = ? AND method = ?"
                + " AND path = ?", Checks.key(client), endpoint.serviceCode(), endpoint.method(), endpoint.path());
    }
}
