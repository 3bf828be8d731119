package org.sild.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a JDBC connection without a result; see {@link Store#runInTransaction(SqlConsumer)}. */
@FunctionalInterface
public interface SqlConsumer {

    void accept(Connection connection) throws SQLException;
}
