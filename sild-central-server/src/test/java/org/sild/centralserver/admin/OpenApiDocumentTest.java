package org.sild.centralserver.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.centralserver.Fixtures;
import org.sild.centralserver.globalconf.ConfigurationKeys;
import org.sild.centralserver.globalconf.ConfigurationPublisher;
import org.sild.centralserver.globalconf.KeyAlgorithm;
import org.sild.testing.TestDatabases;

/** The hand-written OpenAPI document describes exactly the routes the admin API has. */
class OpenApiDocumentTest {

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationExists(@TempDir java.nio.file.Path dir) throws Exception {
        try (var db = Fixtures.open(TestDatabases.H2, Clock.systemUTC())) {
            var keys = new ConfigurationKeys(db.registry(), dir,
                    "pin".toCharArray(), KeyAlgorithm.EC, Clock.systemUTC(), new SecureRandom());
            var publisher = new ConfigurationPublisher(db.registry(), keys, "127.0.0.1:1",
                    java.time.Duration.ofSeconds(60), Clock.systemUTC(), new SecureRandom());
            var api = new AdminApi(db.registry(), publisher, keys);

            assertThat(AdminApi.document().operations()).containsExactlyInAnyOrderElementsOf(api.routes());
            assertThat(api.routes()).hasSizeGreaterThan(45);
        }
    }
}
