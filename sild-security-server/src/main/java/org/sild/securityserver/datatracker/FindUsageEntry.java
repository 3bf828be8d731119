package org.sild.securityserver.datatracker;

import java.time.Instant;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.XRoadIds;

/**
 * One usage as the Data Tracker shows it to the subject ({@code Usage} of the OpenAPI, {@code usage}
 * of the WSDL), mapped from a {@link UsageRecord}: {@code action} is the purpose, else the declared
 * processing type; the receiver is the consumer: its member code, its member name when known, and
 * as its system the system name it sent, else its subsystem code, else its whole identifier.
 */
record FindUsageEntry(Instant logtime, String action, String receiverCode, Optional<String> receiverName,
                      String receiverSystem) {

    static FindUsageEntry of(UsageRecord r) {
        ClientId consumer = r.consumer();
        String system = r.consumerSystem().or(consumer::subsystemCode).orElseGet(() -> XRoadIds.toPath(consumer));
        return new FindUsageEntry(r.time(), r.purpose().orElse(r.processingType()), consumer.memberCode(),
                r.consumerName(), system);
    }

    /** The WSDL's single {@code receiver} string: {@code Name (code), system}, or {@code code, system} without a name. */
    String receiver() {
        return receiverName.map(n -> n + " (" + receiverCode + ")").orElse(receiverCode) + ", " + receiverSystem;
    }
}
