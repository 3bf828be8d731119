/**
 * The central server's registry of an X-Road instance: member classes, members, subsystems,
 * security servers with their authentication certificates and clients, global groups, approved
 * CAs and TSAs, global settings, trusted anchors of federated instances, configuration signing
 * key records, and the management requests of security servers (sild-core's
 * {@link org.sild.core.management.ManagementRequest} records) with their state machine.
 * {@link org.sild.centralserver.registry.Registry} is the entry point; every change is validated,
 * audited and counted, and {@link org.sild.centralserver.registry.Registry#describe()} gives what
 * the global configuration publishes.
 */
package org.sild.centralserver.registry;
