package org.sild.securityserver.proxy;

/**
 * The three hops of an X-Road exchange, named by direction. Code and log lines use these names so
 * a reader can follow one exchange across both security servers.
 */
public enum Leg {
    /** The client information system to its (consumer) security server. */
    CONSUMER_TO_PROXY("consumerToProxy"),
    /** The consumer security server to the provider security server, over mutual TLS. */
    PROXY_TO_PROXY("proxyToProxy"),
    /** The provider security server to the provider information system. */
    PROXY_TO_PROVIDER("proxyToProvider");

    private final String label;

    Leg(String label) {
        this.label = label;
    }

    /** The name used in logs and metrics, for example {@code proxyToProxy}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
