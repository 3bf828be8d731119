/**
 * The security server's global configuration: the configuration client that downloads, verifies,
 * stores and switches it ({@link org.sild.securityserver.globalconf.ConfigurationClient}), and the
 * view the proxies use ({@link org.sild.securityserver.globalconf.GlobalConf} through
 * {@link org.sild.securityserver.globalconf.GlobalConfProvider}).
 *
 * <p>Protocol: PR-GCONF (digest chapter 04, §1–§4 and §7).
 */
package org.sild.securityserver.globalconf;
