package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.e2e.TwoServers.API;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.SS1;
import static org.sild.e2e.TwoServers.SS2;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.id.ServiceId;
import org.sild.e2e.ProviderIs.Reply;
import org.sild.runtime.store.StoreConfig;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;

/**
 * Both security servers keep local configuration and message log in PostgreSQL (a fresh schema
 * each): exchanges work and their records land in PostgreSQL. Skipped, with a message saying how to
 * run it, when {@value TestDatabases#POSTGRES_URL_VARIABLE} is not set.
 */
class PostgresStoreTest {

    private static final ServiceId PERSONS = new ServiceId(API, "persons");
    private static final ServiceId GET_PERSON = new ServiceId(API, "getPerson", "v1");

    private static final List<TestDatabase> databases = new ArrayList<>();
    private static TestDatabase ss1Db;
    private static TestDatabase ss2Db;
    private static TestNetwork net;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(TestDatabases.postgresConfigured(), () -> TestDatabases.POSTGRES_URL_VARIABLE
                + " is not set, so the security servers on PostgreSQL are not tested; set it to a jdbc:postgresql://"
                + " URL with user and password parameters (/work/mvnl and CI do) to run this scenario");
        ss1Db = open();
        ss2Db = open();
        net = TwoServers.builder()
                .store(SS1, StoreConfig.of(ss1Db.url(), ss1Db.user(), ss1Db.password()))
                .store(SS2, StoreConfig.of(ss2Db.url(), ss2Db.user(), ss2Db.password()))
                .start();
        ProviderIs is = net.providerIs("provider-is").answer(r -> r.header("Content-Type").orElse("").startsWith("text/xml")
                ? Reply.of(200, "text/xml; charset=UTF-8", Soap.answer(r.body()))
                : Reply.of(200, "application/json", "{\"name\":\"Mari\"}".getBytes(StandardCharsets.UTF_8)));
        net.restService(PERSONS, is.url("/persons"));
        net.soapService(GET_PERSON, is.url("/soap"));
        net.allow(APP, PERSONS);
        net.allow(APP, GET_PERSON);
    }

    private static TestDatabase open() {
        TestDatabase db = TestDatabases.POSTGRESQL.open();
        databases.add(db);
        return db;
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
        databases.forEach(TestDatabase::close);
    }

    @Test
    void restExchangeIsLoggedInPostgres() throws SQLException {
        String id = "pg-rest-" + UUID.randomUUID();

        Answer answer = net.client(SS1).send(net.client(SS1).rest(APP, "GET", PERSONS, "/38001010001")
                .headers(h -> h.put("X-Road-Id", id)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("{\"name\":\"Mari\"}");
        assertLoggedInPostgres(id);
    }

    @Test
    void soapExchangeIsLoggedInPostgres() throws SQLException {
        String id = "pg-soap-" + UUID.randomUUID();

        Answer answer = net.client(SS1).soapCall(Soap.request(APP, GET_PERSON, id,
                "<p:getPerson xmlns:p=\"urn:e2e\"><p:code>38001010001</p:code></p:getPerson>"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.soapMessage().header().requestHash()).isPresent();
        assertLoggedInPostgres(id);
    }

    /** Request and response records of {@code id} are rows of each server's own PostgreSQL schema, signed. */
    private static void assertLoggedInPostgres(String id) throws SQLException {
        for (var server : List.of(SS1, SS2)) {
            TestDatabase db = server.equals(SS1) ? ss1Db : ss2Db;
            assertThat(responseFlags(db, id)).as("message_log rows of %s in %s", id, db).containsExactly(false, true);
            for (var entry : net.server(server).messageLog().findByQueryId(id)) {
                MessageLogs.verify(entry.record(), net.globalConf(), net.now());
            }
        }
    }

    private static List<Boolean> responseFlags(TestDatabase db, String id) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT response FROM message_log WHERE query_id = ? ORDER BY id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                var flags = new ArrayList<Boolean>();
                while (rs.next()) {
                    flags.add(rs.getBoolean(1));
                }
                return flags;
            }
        }
    }
}
