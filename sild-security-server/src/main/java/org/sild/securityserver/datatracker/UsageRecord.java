package org.sild.securityserver.datatracker;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;

/**
 * One use of one person's data: a consumer's exchange with a provider service declared as personal
 * data, as the provider security server saw it.
 *
 * @param subject        the data subject's identifier as found in the exchange (e.g. {@code EE38001010001})
 * @param time           when the provider answered
 * @param consumer       the client of the exchange
 * @param consumerName   the consumer member's name from global configuration, when known
 * @param service        the service called (its provider is the register holding the data)
 * @param endpoint       for REST, the declared endpoint ({@code METHOD /path/template})
 * @param processingType the declared kind of processing (e.g. {@code read}, {@code write})
 * @param purpose        why: the consumer's stated reason, else the declared default
 * @param legalBasis     the legal basis: the consumer's, else the declared default
 * @param consumerSystem the consumer's system name, when it sent one
 * @param userId         the X-Road user id of the exchange
 * @param issue          the X-Road issue of the exchange
 * @param queryId        the X-Road query id (ties the record to the message log)
 * @param requestId      the X-Road request id, when there is one
 * @param succeeded      whether the provider answered without a fault
 * @param hidden         whether the consumer asked to hide the use from the subject
 * @param hiddenUntil    when hidden, until when (empty: for good)
 */
public record UsageRecord(String subject, Instant time, ClientId consumer, Optional<String> consumerName,
                          ServiceId service, Optional<String> endpoint, String processingType,
                          Optional<String> purpose, Optional<String> legalBasis, Optional<String> consumerSystem,
                          Optional<String> userId, Optional<String> issue, String queryId,
                          Optional<String> requestId, boolean succeeded, boolean hidden,
                          Optional<Instant> hiddenUntil) {

    /** Longest subject identifier kept. */
    public static final int MAX_SUBJECT_LENGTH = 255;

    public UsageRecord {
        Objects.requireNonNull(subject);
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("subject must have 1.." + MAX_SUBJECT_LENGTH + " characters");
        }
        Objects.requireNonNull(time);
        Objects.requireNonNull(consumer);
        Objects.requireNonNull(consumerName);
        Objects.requireNonNull(service);
        Objects.requireNonNull(endpoint);
        Objects.requireNonNull(processingType);
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(legalBasis);
        Objects.requireNonNull(consumerSystem);
        Objects.requireNonNull(userId);
        Objects.requireNonNull(issue);
        Objects.requireNonNull(queryId);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(hiddenUntil);
        if (hiddenUntil.isPresent() && !hidden) {
            throw new IllegalArgumentException("hiddenUntil without hidden");
        }
    }

    /** Whether the subject may see this record at {@code now}. */
    public boolean visibleAt(Instant now) {
        return !hidden || hiddenUntil.filter(until -> !now.isBefore(until)).isPresent();
    }
}
