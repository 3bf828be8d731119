package org.sild.securityserver.globalconf;

import java.time.Instant;

/**
 * Where the proxies get the global configuration in force. Implemented by the configuration
 * client, which downloads, verifies and switches configurations atomically.
 *
 * <p>Thread-safe.
 */
public interface GlobalConfProvider {

    /**
     * The configuration in force at {@code now}.
     *
     * @throws org.sild.core.fault.XRoadException {@code OutdatedGlobalConf} when there is none yet or
     *         it has expired: message exchange stops until a fresh one is verified
     */
    GlobalConf current(Instant now);
}
