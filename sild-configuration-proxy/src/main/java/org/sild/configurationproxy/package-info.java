/**
 * The configuration proxy (X-Road's {@code xroad-confproxy}): mirrors the global configuration of
 * configuration sources (central servers or other proxies) for availability and federation.
 *
 * <p>Per proxy instance it downloads every configuration version from the minimum to 6 with the
 * source's anchor, verifies each (signature, expiry, part hashes), re-signs it with the instance's
 * own key and serves it at {@code /NAME/conf?version=N}, with the anchor clients import at
 * {@code /NAME/anchor}. {@link org.sild.configurationproxy.ConfigurationProxy} assembles the
 * product from a {@link org.sild.configurationproxy.ConfigurationProxyConfig};
 * {@link org.sild.configurationproxy.SigningKeys} manages an instance's keys (rotation).
 *
 * <p>Protocol: PR-GCONF (digest chapter 04, §3, §4 and §8); X-Road's ARC-CP and UG-CP.
 */
package org.sild.configurationproxy;
