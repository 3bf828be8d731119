package org.sild.securityserver.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

/** Asserts X-Road faults by code. */
final class Faults {

    private Faults() {
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertFault(ThrowingCallable call, ErrorCode... codes) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(codes)));
    }
}
