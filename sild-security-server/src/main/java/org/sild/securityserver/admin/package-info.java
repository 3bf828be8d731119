/**
 * The security server's admin REST API and its client.
 *
 * <p>{@link org.sild.securityserver.admin.AdminApi} serves JSON resources under {@code /api/v1}
 * for the local configuration kept by
 * {@link org.sild.securityserver.serverconf.ServerConfStore} (identity, maintenance mode, clients
 * and their IS certificates, service descriptions, services, REST endpoints, access rights, local
 * groups) on the runtime's router, behind the runtime's API key check
 * ({@code Authorization: X-Road-ApiKey token=<key>} or {@code Bearer <key>}), and its
 * own OpenAPI 3 document ({@code /api/openapi.json}, {@code /api/openapi.yaml}), written by hand in
 * {@code openapi.yaml} beside these classes; a test holds it against the routes.
 * {@link org.sild.securityserver.admin.AdminClient} calls the API (the {@code sild security-server}
 * commands use it).
 *
 * <p>Decisions. Identifiers in JSON are in X-Road's path form ({@code DEV/GOV/70000001/registry});
 * in URL paths a client is one segment in X-Road's colon form ({@code DEV:GOV:70000001:registry}),
 * as in X-Road's own admin API, because a path form would need encoded slashes. Deletions that are
 * keyed by a whole value (an access right, an endpoint, group members) are {@code POST .../delete}
 * with that value as the body, as X-Road's API does. Errors are the runtime's JSON error body plus
 * the {@code field} the problem is in.
 */
package org.sild.securityserver.admin;
