/**
 * The security server's side of the management services (PR-MSERV, digest 04 §9):
 * {@link org.sild.securityserver.management.ManagementClient} signs management requests with the
 * token's keys and sends them to the central server, directly ({@code authCertReg}) or through the
 * server's own client proxy as X-Road messages (everything else).
 *
 * <p>Assembly: build the client from the configuration client (global configuration), the signer's
 * token and OCSP responses, and the client proxy's address with an HTTP client to reach it. It holds
 * no resources; nothing to close.
 */
package org.sild.securityserver.management;
