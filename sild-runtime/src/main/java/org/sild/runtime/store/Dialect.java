package org.sild.runtime.store;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** The databases a {@link Store} runs on. */
public enum Dialect {
    /** H2 in PostgreSQL mode: the embedded default. */
    H2,
    /** PostgreSQL: production and clustered nodes. */
    POSTGRESQL;

    /**
     * The dialect of a JDBC URL.
     *
     * @throws XRoadException {@code DatabaseError} for any other database
     */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        int colon = jdbcUrl.indexOf(':', 5);
        throw new XRoadException(ErrorCode.DATABASE_ERROR, "unsupported database '"
                + (colon > 0 ? jdbcUrl.substring(0, colon) : "?") + "': Sild stores run on H2 or PostgreSQL");
    }
}
