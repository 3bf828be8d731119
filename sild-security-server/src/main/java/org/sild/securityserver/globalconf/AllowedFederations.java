package org.sild.securityserver.globalconf;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which federated instances the configuration client downloads shared parameters for: X-Road's
 * {@code configuration-client.allowed-federations} setting ({@code none}, {@code all} or a comma
 * separated list of instance codes, case-insensitive; {@code none} anywhere in the list wins).
 *
 * <p>Immutable. The default is {@link #NONE}: no federation.
 */
public record AllowedFederations(boolean all, Set<String> instances) {

    /** No federated instance (the default). */
    public static final AllowedFederations NONE = new AllowedFederations(false, Set.of());
    /** Every instance the own private parameters name. */
    public static final AllowedFederations ALL = new AllowedFederations(true, Set.of());

    public AllowedFederations {
        var lower = new LinkedHashSet<String>();
        instances.forEach(i -> lower.add(i.toLowerCase(Locale.ROOT)));
        instances = Set.copyOf(lower);
    }

    /** Only the instances {@code codes} (compared case-insensitively). */
    public static AllowedFederations of(String... codes) {
        return new AllowedFederations(false, Set.of(codes));
    }

    /**
     * Reads the setting's value.
     *
     * @throws IllegalArgumentException naming the value when it lists nothing
     */
    public static AllowedFederations parse(String value) {
        var codes = new LinkedHashSet<String>();
        for (String item : value.split(",")) {
            String code = item.strip().toLowerCase(Locale.ROOT);
            if (!code.isEmpty()) {
                codes.add(code);
            }
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("allowed-federations '" + value
                    + "' is empty: use none, all or a comma separated list of instance codes");
        }
        if (codes.contains("none")) {
            return NONE;
        }
        if (codes.contains("all")) {
            return ALL;
        }
        return new AllowedFederations(false, codes);
    }

    /** Whether shared parameters of {@code instance} may be downloaded. */
    public boolean allows(String instance) {
        return all || instances.contains(instance.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return all ? "all" : instances.isEmpty() ? "none" : String.join(",", new TreeSet<>(instances));
    }
}
