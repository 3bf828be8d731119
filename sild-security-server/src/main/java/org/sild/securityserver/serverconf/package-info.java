/**
 * The security server's local configuration: who the server is, the clients it hosts, their
 * service descriptions, services and REST endpoints, the access rights to them, local groups and
 * maintenance mode.
 *
 * <p>{@link org.sild.securityserver.serverconf.ServerConf} is what the proxies read;
 * {@link org.sild.securityserver.serverconf.StoreServerConf} implements it over
 * {@link org.sild.securityserver.serverconf.ServerConfStore}, which keeps everything in the store
 * (tables {@code conf_*}, migrations in {@code db/securityserver}) and is changed by the admin API
 * and the sandbox through {@link org.sild.securityserver.serverconf.Clients},
 * {@link org.sild.securityserver.serverconf.ServiceDescriptions},
 * {@link org.sild.securityserver.serverconf.Endpoints},
 * {@link org.sild.securityserver.serverconf.AccessRights} and
 * {@link org.sild.securityserver.serverconf.LocalGroups}. A refused change is a
 * {@link org.sild.securityserver.serverconf.LocalConfException} naming the field.
 *
 * <p>Decisions. Several nodes may share one store: rows have natural keys or random UUIDs, every
 * change increments a counter in the same transaction (which also serialises writers), and each
 * node's cached copy is reloaded when the counter moves. Reads never touch the database except to
 * check that counter, at most once per second. Identifiers are stored in their short form.
 */
package org.sild.securityserver.serverconf;
