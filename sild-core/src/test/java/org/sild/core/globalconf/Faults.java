package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

/** Assertion that a call fails with a given X-Road fault code. */
final class Faults {

    private Faults() {
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertFault(ThrowingCallable call, ErrorCode expected) {
        return assertThatThrownBy(call).isInstanceOf(XRoadException.class)
                .satisfies(e -> assertThat(((XRoadException) e).code()).as(e.getMessage()).isEqualTo(FaultCode.of(expected)));
    }
}
