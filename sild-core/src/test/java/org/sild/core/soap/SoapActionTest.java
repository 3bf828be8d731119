package org.sild.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class SoapActionTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "\"http://example.org/action\"", "\"urn:x\"", "\"a\"", "\"#frag\""})
    void acceptsEmptyAndQuotedUris(String value) {
        assertThat(SoapAction.check(Optional.of(value))).contains(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org/action", "\"", "\"x", "x\"", "\"a b\"", "\"http://[bad\"", "''"})
    void refusesEverythingElse(String value) {
        assertThatThrownBy(() -> SoapAction.check(Optional.of(value))).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.withPrefix(ErrorCode.CLIENT).code()).isEqualTo(FaultCode.parse("client.invalid_soap_action")))
                .hasMessageContaining(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"absent"})
    void anAbsentHeaderIsFine(String ignored) {
        assertThat(SoapAction.check(Optional.empty())).isEmpty();
    }
}
