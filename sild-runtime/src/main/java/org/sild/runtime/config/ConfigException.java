package org.sild.runtime.config;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A configuration value that is missing, malformed or out of range, named by its key path.
 *
 * <p>The message is {@code <key path>: <problem>}, for example
 * {@code security-server.client-proxy.port: must be 0..65535, was 70000}. Configuration records
 * throw it from their compact constructors with their own (kebab-case) key; {@link YamlConfig}
 * prefixes the path of the enclosing sections. Fault code {@code MalformedServerConf}.
 */
public class ConfigException extends XRoadException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    /**
     * @param key     the key path, for example {@code port} or {@code store.pool-size}; empty for the root
     * @param problem what is wrong, naming the bad value
     */
    public ConfigException(String key, String problem) {
        super(ErrorCode.MALFORMED_SERVER_CONF, key.isEmpty() ? problem : key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** The key path of the bad value. */
    public String key() {
        return key;
    }

    /** The problem, without the key path. */
    public String problem() {
        return problem;
    }

    /** The same problem under {@code parent} ({@code port} under {@code client-proxy} is {@code client-proxy.port}). */
    public ConfigException under(String parent) {
        if (parent.isEmpty()) {
            return this;
        }
        var moved = new ConfigException(key.isEmpty() ? parent : join(parent, key), problem);
        moved.initCause(getCause());
        return moved;
    }

    /** Throws unless {@code min <= value <= max}: {@code <key>: must be min..max, was value}. */
    public static long checkRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /** Throws {@code <key>: <problem>} unless {@code condition}. */
    public static void check(boolean condition, String key, String problem) {
        if (!condition) {
            throw new ConfigException(key, problem);
        }
    }

    private static String join(String parent, String key) {
        return key.startsWith("[") ? parent + key : parent + "." + key;
    }
}
