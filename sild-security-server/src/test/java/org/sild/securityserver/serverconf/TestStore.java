package org.sild.securityserver.serverconf;

import org.sild.runtime.store.Store;
import org.sild.runtime.store.StoreConfig;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;

/** A fresh test database with the security server's migrations applied, for store tests. */
public final class TestStore implements AutoCloseable {

    private final TestDatabase database;
    private final Store store;

    private TestStore(TestDatabase database, Store store) {
        this.database = database;
        this.store = store;
    }

    public static TestStore open(TestDatabases kind) {
        TestDatabase db = kind.open();
        try {
            return new TestStore(db, openStore(db));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Another pool on the same database, as a second node sharing the store would have. */
    public static Store openStore(TestDatabase db) {
        return Store.builder().name("test").config(StoreConfig.of(db.url(), db.user(), db.password()))
                .migrations("db/securityserver").open();
    }

    public Store store() {
        return store;
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            database.close();
        }
    }
}
