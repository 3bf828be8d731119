package org.sild.securityserver.serverconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.sild.securityserver.serverconf.LocalConfException.Reason;

/** Assertions on refused local configuration changes. */
final class Refusals {

    private Refusals() {
    }

    static void refused(Reason reason, String field, ThrowingCallable change) {
        assertThatThrownBy(change).isInstanceOfSatisfying(LocalConfException.class, e -> {
            assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
            assertThat(e.field()).as("field of: %s", e.getMessage()).contains(field);
        });
    }
}
