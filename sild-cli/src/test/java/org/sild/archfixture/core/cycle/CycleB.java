package org.sild.archfixture.core.cycle;

import org.sild.archfixture.core.LeakyCoreType;

/** Fixture: closes a package cycle core -> core.cycle -> core. */
public class CycleB {
    public String back() {
        return LeakyCoreType.class.getSimpleName();
    }
}
