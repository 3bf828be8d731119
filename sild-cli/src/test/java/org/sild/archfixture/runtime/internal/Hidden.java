package org.sild.archfixture.runtime.internal;

/** Fixture: an internal class of the runtime module. */
public class Hidden {
    public String secret() {
        return "internal";
    }
}
