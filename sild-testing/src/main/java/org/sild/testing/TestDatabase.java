package org.sild.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One isolated database for one test, opened by {@link TestDatabases#open()}; closing removes it.
 *
 * <p>Hand {@link #url()}, {@link #user()} and {@link #password()} to the code under test (for
 * example a {@code StoreConfig}). Close the code under test's pool before closing this. Safe to
 * use from several threads; {@link #close()} is idempotent.
 */
public final class TestDatabase implements AutoCloseable {

    private final TestDatabases kind;
    private final String url;
    private final String user;
    private final String password;
    private final Optional<Path> directory;
    private final Runnable remove;
    private final AtomicBoolean closed = new AtomicBoolean();

    TestDatabase(TestDatabases kind, String url, String user, String password, Optional<Path> directory,
            Runnable remove) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.directory = directory;
        this.remove = remove;
    }

    /** Which database this is. */
    public TestDatabases kind() {
        return kind;
    }

    /** The JDBC URL (without credentials; PostgreSQL URLs select the test's schema). */
    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The directory holding an H2 database; empty for PostgreSQL. */
    public Optional<Path> directory() {
        return directory;
    }

    /** A new plain JDBC connection, for test assertions; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Drops the schema (PostgreSQL) or deletes the directory (H2). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            remove.run();
        }
    }

    @Override
    public String toString() {
        return kind + " test database";
    }
}
