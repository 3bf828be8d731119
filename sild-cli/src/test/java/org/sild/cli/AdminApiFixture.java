package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.store.Store;
import org.sild.runtime.store.StoreConfig;
import org.sild.securityserver.admin.AdminApi;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.signer.SoftwareToken;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;

/**
 * A real security server admin API on port 0 over an H2 store and a software token, for the
 * {@code sild security-server} command tests, with the command line pointed at it. Close it after
 * the class.
 */
final class AdminApiFixture implements AutoCloseable {

    static final String KEY = "cli-test-key-0123456789";

    private final SoftwareToken token;
    private final TestDatabase db;
    private final Store store;
    private final ServerConfStore conf;
    private final HttpServer server;

    /** Builds the admin API over a fresh store (which it may fill first) and token. */
    @FunctionalInterface
    interface ApiFactory {
        AdminApi create(Store store, ServerConfStore conf, SoftwareToken token);
    }

    private AdminApiFixture(Path dir, ApiFactory api) {
        token = SoftwareToken.open(dir.resolve("token"), "pin-1234".toCharArray(), new SecureRandom(), Clock.systemUTC());
        db = TestDatabases.H2.open();
        store = Store.builder().config(StoreConfig.of(db.url(), db.user(), db.password()))
                .migrations("db/securityserver").open();
        conf = new ServerConfStore(store, Clock.systemUTC());
        server = HttpServer.builder().port(0).handler(api.create(store, conf, token).handler(List.of(new ApiKey("cli", KEY))))
                .build().start();
    }

    /** The plain admin API (no management client, no declarations). */
    static AdminApiFixture start(Path dir) {
        return start(dir, (store, conf, token) -> new AdminApi(conf, token));
    }

    /** The admin API {@code api} builds. */
    static AdminApiFixture start(Path dir, ApiFactory api) {
        return new AdminApiFixture(dir, api);
    }

    /** The admin API's address. */
    URI uri() {
        return server.uri();
    }

    ServerConfStore conf() {
        return conf;
    }

    /** {@code sild security-server --url=… --api-key=… args…}. */
    CliRunner run(String... args) {
        var all = new String[args.length + 3];
        all[0] = "security-server";
        all[1] = "--url=" + uri();
        all[2] = "--api-key=" + KEY;
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRunner.run(all);
    }

    /** Checks that {@code run} exited 0 and printed every {@code expected}; its output. */
    static String ok(CliRunner run, String... expected) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(expected);
        return run.out();
    }

    @Override
    public void close() {
        server.close();
        token.close();
        store.close();
        db.close();
    }
}
