package org.sild.core.globalconf;

import java.util.Objects;

/** A member class of an instance, such as {@code GOV} "Governmental organisations". Immutable. */
public record MemberClass(String code, String description) {

    public MemberClass {
        Objects.requireNonNull(code);
        Objects.requireNonNull(description);
    }
}
