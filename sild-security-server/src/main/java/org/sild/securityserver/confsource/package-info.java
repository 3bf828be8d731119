/**
 * A configuration source: publishes an instance's signed global configuration over HTTP as an
 * X-Road central server does ({@link org.sild.securityserver.confsource.ConfigurationSource} from
 * an {@link org.sild.securityserver.confsource.InstanceDescription}), for the sandbox and for
 * end-to-end tests until Sild has a central server. Security servers consume it only through
 * their verifying configuration client and an anchor, so the central server can replace it.
 */
package org.sild.securityserver.confsource;
