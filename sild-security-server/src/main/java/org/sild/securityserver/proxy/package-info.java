/**
 * What the client proxy and the server proxy share: their settings ({@link
 * org.sild.securityserver.proxy.ProxySettings}), the legs of an exchange ({@link
 * org.sild.securityserver.proxy.Leg}), fault translation and fault responses, authentication
 * certificate checks in both directions, message signature verification against global
 * configuration, the OCSP download client, spooling of large parts to temporary files, and metrics.
 *
 * <h2>Fault codes</h2>
 * Core throws bare codes ({@code AccessDenied}); the proxies add X-Road's prefixes. A code whose
 * first segment already names an origin ({@code Client}, {@code Server}) is complete and is never
 * prefixed again: that is how client errors and faults relayed from the other security server keep
 * their code. See {@link org.sild.securityserver.proxy.ProxyFaults}.
 */
package org.sild.securityserver.proxy;
