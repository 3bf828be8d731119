/**
 * The Sild central server: {@link org.sild.centralserver.CentralServer} assembles the registry
 * ({@code registry}), the audit log ({@code audit}), global configuration publishing and signing
 * keys ({@code globalconf}), the management services on ports 4001 and 4002 ({@code management}) and the
 * admin API ({@code admin}) from a
 * {@link org.sild.centralserver.CentralServerConfig}. See {@code docs/central-server.md}.
 */
package org.sild.centralserver;
