package org.sild.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a JDBC connection that yields a value; see {@link Store#inTransaction(SqlFunction)}. */
@FunctionalInterface
public interface SqlFunction<T> {

    T apply(Connection connection) throws SQLException;
}
