/**
 * Global configuration publishing: the registry as signed internal and external configuration
 * (versions 2 to 6) served over HTTP ({@link org.sild.centralserver.globalconf.ConfigurationPublisher},
 * over the runtime's configuration source), regenerated on every registry change and on an
 * interval, and the configuration signing keys with their rotation
 * ({@link org.sild.centralserver.globalconf.ConfigurationKeys}).
 */
package org.sild.centralserver.globalconf;
