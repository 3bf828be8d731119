package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sild.core.fault.XRoadException;

class FindUsageQueryTest {

    private static FindUsageQuery parse(String query) {
        return FindUsageQuery.parse(Optional.of(query));
    }

    @Test
    void defaultsAreTheWholePeriodAndTheFirstThousand() {
        var q = parse("userCode=EE38001010001");
        assertThat(q).isEqualTo(new FindUsageQuery("EE38001010001", Optional.empty(), Optional.empty(), 0, 1000));
    }

    @Test
    void everyParameterIsReadAndDecoded() {
        var q = parse("userCode=EE%2038001010001&periodStart=2021-01-31T10:20:30Z"
                + "&periodEnd=2021-02-01T12:00:00%2B02:00&offset=5&limit=10&unknown=ignored");
        assertThat(q.userCode()).isEqualTo("EE 38001010001");
        assertThat(q.periodStart()).contains(Instant.parse("2021-01-31T10:20:30Z"));
        assertThat(q.periodEnd()).contains(Instant.parse("2021-02-01T10:00:00Z"));
        assertThat(q.offset()).isEqualTo(5);
        assertThat(q.limit()).isEqualTo(10);
    }

    @Test
    void anUnencodedPlusOffsetIsAnOffsetNotASpace() {
        assertThat(parse("userCode=EE1&periodStart=2021-01-31T12:20:30+02:00").periodStart())
                .contains(Instant.parse("2021-01-31T10:20:30Z"));
    }

    @Test
    void aLargerLimitIsCappedAtTheProtocolsMaximum() {
        assertThat(parse("userCode=EE1&limit=5000").limit()).isEqualTo(FindUsageQuery.MAX_LIMIT);
        assertThat(parse("userCode=EE1&limit=0").limit()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|userCode is required",
        "userCode=|userCode is required",
        "offset=1|userCode is required",
        "userCode=EE1&offset=-1|offset must not be negative",
        "userCode=EE1&limit=ten|limit 'ten' is not a 32-bit integer",
        "userCode=EE1&limit=99999999999|is not a 32-bit integer",
        "userCode=EE1&periodStart=2021-01-31|periodStart '2021-01-31' is not an RFC 3339 date-time",
        "userCode=EE1&periodEnd=2021-01-31T10:20:30|periodEnd '2021-01-31T10:20:30' is not an RFC 3339",
        "userCode=EE1&periodStart=2021-02-01T00:00:00Z&periodEnd=2021-01-01T00:00:00Z|is after periodEnd",
        "userCode=EE1&userCode=EE2|userCode is given more than once",
        "userCode=EE%ZZ|malformed percent-encoding",
    })
    void badParametersAreRefusedNamingTheValue(String query, String message) {
        assertThatThrownBy(() -> parse(query)).isInstanceOfSatisfying(XRoadException.class, e -> {
            assertThat(e.code().toString()).isEqualTo("InvalidRequest");
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void anOverlongUserCodeOrQueryIsRefused() {
        assertThatThrownBy(() -> parse("userCode=" + "1".repeat(256))).hasMessageContaining("longer than 255");
        assertThatThrownBy(() -> parse("userCode=EE1&x=" + "1".repeat(5000))).hasMessageContaining("query is longer");
        assertThatThrownBy(() -> FindUsageQuery.parse(Optional.empty())).hasMessageContaining("userCode is required");
    }
}
