/**
 * The central server's management services on the wire (PR-MSERV, digest 04 §9.5): the
 * authentication certificate registration service (X-Road's port 4001, {@code /managementservice/})
 * that security servers post {@code authCertReg} to directly, and the management service (port 4002,
 * {@code /managementservice/manage/}) that the management services' security server forwards every
 * other management request to.
 *
 * <p>{@link org.sild.centralserver.management.ManagementServices} makes the Jetty handler of each
 * {@link org.sild.centralserver.management.ManagementPort}: it reads a request with
 * {@link org.sild.core.management.ManagementPackage#read} (at most 50 kB, within the request
 * timeout), verifies it with a {@link org.sild.core.management.ManagementRequestVerifier} built from
 * the registry's current trust (approved CAs, their OCSP responders and certificate profiles, the
 * OCSP freshness, the management service provider), records it with
 * {@link org.sild.centralserver.registry.ManagementRequests#submit} and answers with its
 * {@code requestId}. Failures are SOAP faults with the code prefixed {@code Server.} and HTTP 500, as
 * X-Road's central server answers; requests beyond the rate limit of a source address are refused
 * with HTTP 429.
 */
package org.sild.centralserver.management;
