package org.sild.archfixture.core;

import org.bouncycastle.asn1.x500.X500Name;
import org.sild.archfixture.cli.CliCommand;
import org.sild.archfixture.core.cycle.CycleB;
import org.sild.archfixture.runtime.internal.Hidden;

/** Fixture breaking every rule: core using cli, another module's internals, and exposing Bouncy Castle. */
public class LeakyCoreType {
    public String use(CliCommand command) {
        return command.name() + new Hidden().secret() + new CycleB().back();
    }

    public X500Name exposesBouncyCastle() {
        return new X500Name("CN=fixture");
    }
}
