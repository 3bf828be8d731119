/**
 * The Sild central server: {@link org.sild.centralserver.CentralServer} assembles the registry
 * ({@code registry}), the audit log ({@code audit}), global configuration publishing and signing
 * keys ({@code globalconf}) and the admin API ({@code admin}) from a
 * {@link org.sild.centralserver.CentralServerConfig}. See {@code docs/central-server.md}.
 */
package org.sild.centralserver;
