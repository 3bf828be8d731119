package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowedFederationsTest {

    @Test
    void readsNoneAllAndListsCaseInsensitively() {
        assertThat(AllowedFederations.parse("none")).isEqualTo(AllowedFederations.NONE);
        assertThat(AllowedFederations.parse(" ALL ")).isEqualTo(AllowedFederations.ALL);
        var some = AllowedFederations.parse("EE, fi");
        assertThat(some.allows("ee")).isTrue();
        assertThat(some.allows("FI")).isTrue();
        assertThat(some.allows("LV")).isFalse();
        assertThat(AllowedFederations.ALL.allows("anything")).isTrue();
        assertThat(AllowedFederations.NONE.allows("EE")).isFalse();
        assertThat(some).hasToString("ee,fi");
    }

    @Test
    void noneWinsOverEverything() {
        assertThat(AllowedFederations.parse("EE,all,NONE")).isEqualTo(AllowedFederations.NONE);
        assertThat(AllowedFederations.parse("EE,all")).isEqualTo(AllowedFederations.ALL);
    }

    @Test
    void anEmptySettingIsRefused() {
        assertThatThrownBy(() -> AllowedFederations.parse(" , ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed-federations");
    }
}
