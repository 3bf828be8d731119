package org.sild.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class JsonTest {

    enum Kind { SOAP, REST }

    record Service(String serviceCode, Kind kind, Optional<String> url, Optional<Duration> timeout, Instant created,
            LocalDate validFrom, OffsetDateTime checked, List<String> endpoints, int version) {
    }

    private static final Service FULL = new Service("getRandom", Kind.SOAP, Optional.of("http://is/x"),
            Optional.of(Duration.ofSeconds(30)), Instant.parse("2025-03-01T12:00:00Z"), LocalDate.of(2025, 1, 31),
            OffsetDateTime.parse("2025-03-01T14:00:00+02:00"), List.of("/a"), 1);

    @Test
    void recordsRoundTripInCamelCaseWithIsoTimes() {
        String json = text(Json.write(FULL));
        assertThat(json).isEqualTo("{\"serviceCode\":\"getRandom\",\"kind\":\"SOAP\",\"url\":\"http://is/x\","
                + "\"timeout\":\"PT30S\",\"created\":\"2025-03-01T12:00:00Z\",\"validFrom\":\"2025-01-31\","
                + "\"checked\":\"2025-03-01T14:00+02:00\",\"endpoints\":[\"/a\"],\"version\":1}");
        assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), Service.class)).isEqualTo(FULL);
    }

    @Test
    void emptyOptionalsAreOmittedAndAbsentOrNullReadAsEmpty() {
        var sparse = new Service("s", Kind.REST, Optional.empty(), Optional.empty(), FULL.created(), FULL.validFrom(),
                FULL.checked(), List.of(), 2);
        String json = text(Json.write(sparse));
        assertThat(json).doesNotContain("url").doesNotContain("timeout");
        assertThat(Json.read(json.getBytes(StandardCharsets.UTF_8), Service.class)).isEqualTo(sparse);
        String withNull = json.replace("{", "{\"url\":null,");
        assertThat(Json.read(withNull.getBytes(StandardCharsets.UTF_8), Service.class).url()).isEmpty();
    }

    @Test
    void readingIsStrict() {
        String good = text(Json.write(FULL));
        assertInvalid(good.replace("{", "{\"unknown\":1,"), "unknown");
        assertInvalid(good.replace("{", "{\"version\":2,"), "version");
        assertInvalid(good + " {}", "");
        assertInvalid(good.replace("\"version\":1", "\"version\":\"1\""), "");
        assertInvalid(good.replace("\"version\":1", "\"version\":1.5"), "");
        assertInvalid(good.replace("\"kind\":\"SOAP\"", "\"kind\":0"), "");
        assertInvalid(good.replace("\"version\":1", "\"version\":null"), "");
        assertInvalid(good.replace("\"created\":\"2025-03-01T12:00:00Z\"", "\"created\":\"yesterday\""), "yesterday");
        assertInvalid(good.replace("\"timeout\":\"PT30S\"", "\"timeout\":30"), "");
        assertInvalid("{", "");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> Json.read(deep.getBytes(StandardCharsets.UTF_8), Object.class))
                .isInstanceOf(XRoadException.class).hasMessageContaining("nesting");
    }

    @Test
    void newMapperIsIndependentOfTheShared() {
        assertThat(Json.newMapper()).isNotSameAs(Json.mapper());
        assertThat(Json.mapper()).isSameAs(Json.mapper());
    }

    private static void assertInvalid(String json, String mentioned) {
        assertThatThrownBy(() -> Json.read(json.getBytes(StandardCharsets.UTF_8), Service.class))
                .as(json)
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_REQUEST));
                    assertThat(e.getMessage()).startsWith("invalid JSON: ").contains(mentioned).doesNotContain("\n");
                });
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
