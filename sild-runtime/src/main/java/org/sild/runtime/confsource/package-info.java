/**
 * A configuration source: publishes an instance's signed global configuration over HTTP in X-Road's
 * signed directory format ({@link org.sild.runtime.confsource.ConfigurationSource} from an
 * {@link org.sild.runtime.confsource.InstanceDescription}) — internal and external configuration,
 * versions 2 to 6, optional parts, signing-key announcement and rotation, federation anchors. The
 * central server publishes its registry with it; tests and the sandbox use it directly. Consumers
 * see it only through a verifying configuration client and an anchor.
 */
package org.sild.runtime.confsource;
