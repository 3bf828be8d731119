package org.sild.securityserver.messagelog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.sild.core.asic.AsicContainer;
import org.sild.core.asic.BatchTimeStamp;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Reads message log rows with their time-stamp (tables of migrations V2 and V3) as
 * {@link SignedDocument}s: the query prefix every evidence reader shares and the row mapping.
 * Stateless.
 */
final class EvidenceRows {

    /** Records joined to their time-stamp; append a {@code WHERE} clause. */
    static final String SELECT = "SELECT m.id, m.log_time, m.query_id, m.request_id, m.response, m.message_type,"
            + " m.xroad_instance, m.member_class, m.member_code, m.subsystem_code, m.service_id, m.message,"
            + " m.rest_body, m.signature, m.hash_chain_result, m.hash_chain, m.timestamp_record,"
            + " m.timestamp_hash_chain, t.token AS ts_token, t.hash_chain_result AS ts_hash_chain_result"
            + " FROM message_log m LEFT JOIN message_log_timestamp t ON t.id = m.timestamp_record";

    private EvidenceRows() {
    }

    static SignedDocument read(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        LogRecord record = StoreMessageLog.record(rs);
        Optional<byte[]> body = record.restBody();
        rs.getLong("timestamp_record");
        if (rs.wasNull()) {
            return new SignedDocument(id, record, Optional.empty());
        }
        byte[] token = rs.getBytes("ts_token");
        if (token == null) {
            throw inconsistent(id, "its time-stamp row is missing");
        }
        byte[] tsResult = rs.getBytes("ts_hash_chain_result");
        Optional<BatchTimeStamp> batch = Optional.empty();
        if (tsResult != null) {
            byte[] chain = rs.getBytes("timestamp_hash_chain");
            if (chain == null) {
                throw inconsistent(id, "it has a batch time-stamp but no time-stamp hash chain");
            }
            batch = Optional.of(new BatchTimeStamp(token, tsResult, chain));
        }
        var container = new AsicContainer(record.message(), record.signature(), batch, body.map(List::of).orElse(List.of()),
                record.time());
        return new SignedDocument(id, record, Optional.of(container));
    }

    private static XRoadException inconsistent(long id, String what) {
        return new XRoadException(ErrorCode.DATABASE_ERROR, "message log record " + id + " cannot be made evidence: "
                + what);
    }
}
