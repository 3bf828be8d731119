package org.sild.securityserver.messagelog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sild.core.asic.AsicContainer;
import org.sild.core.asic.BatchTimeStamp;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.id.XRoadIds;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.MessageType;

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
        String subsystem = rs.getString("subsystem_code");
        var member = new MemberId(rs.getString("xroad_instance"), rs.getString("member_class"),
                rs.getString("member_code"));
        ClientId client = subsystem == null ? member
                : new SubsystemId(member.instance(), member.memberClass(), member.memberCode(), subsystem);
        var signature = new SignatureData(rs.getBytes("signature"), Optional.ofNullable(rs.getBytes("hash_chain_result")),
                Optional.ofNullable(rs.getBytes("hash_chain")));
        Optional<byte[]> body = Optional.ofNullable(rs.getBytes("rest_body"));
        var record = new LogRecord(rs.getString("query_id"), rs.getString("request_id"), client,
                (ServiceId) XRoadIds.parseShortForm(rs.getString("service_id")), rs.getBoolean("response"),
                MessageType.valueOf(rs.getString("message_type")), rs.getBytes("message"), body, signature,
                Instant.ofEpochMilli(rs.getLong("log_time")));
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
        var container = new AsicContainer(record.message(), signature, batch, body.map(List::of).orElse(List.of()),
                record.time());
        return new SignedDocument(id, record, Optional.of(container));
    }

    private static XRoadException inconsistent(long id, String what) {
        return new XRoadException(ErrorCode.DATABASE_ERROR, "message log record " + id + " cannot be made evidence: "
                + what);
    }
}
