package org.sild.securityserver.admin;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.http.HttpServer;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.securityserver.signer.SoftwareToken;
import org.sild.testing.TestDatabases;

/**
 * An admin API for tests: a fresh H2 store and software token (in {@code dir}), the API that
 * {@code api} builds on them, served on port 0 behind the API key {@link #KEY}.
 */
record AdminServer(TestStore db, SoftwareToken token, HttpServer server, AdminHttp http) implements AutoCloseable {

    static final String KEY = "test-api-key-0123456789";

    static AdminServer start(Path dir, BiFunction<TestStore, SoftwareToken, AdminApi> api) {
        TestStore db = TestStore.open(TestDatabases.H2);
        SoftwareToken token = SoftwareToken.open(dir.resolve("token"), "pin-1234".toCharArray(), new SecureRandom(),
                Clock.systemUTC());
        HttpServer server = HttpServer.builder().name("admin-test").port(0)
                .handler(api.apply(db, token).handler(List.of(new ApiKey("test", KEY)))).build().start();
        return new AdminServer(db, token, server, AdminHttp.to(server.uri(), KEY));
    }

    @Override
    public void close() {
        server.close();
        token.close();
        db.close();
    }
}
