package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.securityserver.datatracker.UsageStoreTest.PRESCRIPTIONS;
import static org.sild.securityserver.datatracker.UsageStoreTest.use;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.id.MemberId;
import org.sild.runtime.config.YamlConfig;
import org.sild.securityserver.SecurityServerConfig;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

/** Retention: records older than keep-records-for-days go, under the job lock; the YAML section binds. */
class UsageCleanerTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void recordsOlderThanTheRetentionAreDeleted(TestDatabases kind) {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        try (var db = TestStore.open(kind)) {
            var usages = new UsageStore(db.store());
            Instant old = now.minus(Duration.ofDays(31));
            Instant young = now.minus(Duration.ofDays(29));
            usages.append(List.of(use(PRESCRIPTIONS, "EE38001010001", old, false, Optional.empty()),
                    use(PRESCRIPTIONS, "EE38001010001", young, false, Optional.empty())));
            var settings = YamlConfig.parse("signer: {pin: \"1234\"}\ndata-tracker: {keep-records-for-days: 30}\n",
                    SecurityServerConfig.class).dataTracker();
            assertThat(settings.keepRecordsFor()).isEqualTo(Duration.ofDays(30));
            assertThat(settings.maxBodyBytes()).isEqualTo(DataTrackerSettings.defaults().maxBodyBytes());
            var cleaner = new UsageCleaner(db.store(), settings, Clock.fixed(now, ZoneOffset.UTC));
            assertThat(cleaner.clean()).isEqualTo(1);
            assertThat(cleaner.clean()).isZero();
            assertThat(usages.oldest(PRESCRIPTIONS)).contains(young);
        }
    }

    @Test
    void representationClientsBindFromYamlAndABadOneNamesTheKey() {
        var settings = YamlConfig.parse("signer: {pin: \"1234\"}\ndata-tracker:\n  representation-clients:\n"
                + "    - EE/GOV/70006317/datatracker\n", SecurityServerConfig.class).dataTracker();
        assertThat(settings.representatives())
                .containsExactly(new MemberId("EE", "GOV", "70006317").subsystem("datatracker"));
        assertThat(DataTrackerSettings.defaults().representatives()).isEmpty();
        assertThatThrownBy(() -> YamlConfig.parse("signer: {pin: \"1234\"}\ndata-tracker:\n"
                + "  representation-clients: [EE/GOV]\n", SecurityServerConfig.class))
                .hasMessageContaining("representation-clients");
    }
}
