package org.sild.securityserver.messagelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The database lock a message log job takes so that nodes sharing a store never run it at the same
 * time: a row of {@code message_log_job_lock} locked until the transaction ends. Stateless.
 */
final class JobLock {

    static final String ARCHIVER = "archiver";
    static final String CLEANER = "cleaner";

    private JobLock() {
    }

    /** Locks {@code job}'s row in the transaction of {@code c} (waiting while another node holds it). */
    static void lock(Connection c, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT job_name FROM message_log_job_lock WHERE job_name = ? FOR UPDATE")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new XRoadException(ErrorCode.DATABASE_ERROR, "no job lock row '" + job
                            + "' in message_log_job_lock (migration V5 missing?)");
                }
            }
        }
    }
}
