package org.sild.securityserver.datatracker;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.messagelog.LinkedWrite;
import org.sild.securityserver.proxy.BoundedCapture;

/**
 * One exchange with a declared service, between the request and the response: the subjects found
 * in the request, and (for a response locator) the response body as it streams past. Created by
 * {@link DataTracker}; used by one exchange's thread only.
 */
public final class Usage {

    /** What the exchange says about itself. */
    record Context(ClientId consumer, ServiceId service, Optional<String> endpoint, Optional<String> userId,
            Optional<String> issue, String queryId, Optional<String> requestId, PduInfo pdu) {
    }

    private final DataTracker tracker;
    private final PersonalDataDeclaration declaration;
    private final Context context;
    private final List<String> requestSubjects;
    private Optional<BoundedCapture> response = Optional.empty();

    Usage(DataTracker tracker, PersonalDataDeclaration declaration, Context context, List<String> requestSubjects) {
        this.tracker = tracker;
        this.declaration = declaration;
        this.context = context;
        this.requestSubjects = List.copyOf(requestSubjects);
    }

    /**
     * The response body to stream on: {@code body} itself, or, when the subject is in the response,
     * {@code body} watched (its first bytes kept up to the limit).
     */
    public InputStream response(InputStream body) {
        if (declaration.locator().kind() != SubjectLocator.Kind.RESPONSE_JSON_POINTER) {
            return body;
        }
        var capture = new BoundedCapture(body, tracker.maxBodyBytes());
        response = Optional.of(capture);
        return capture;
    }

    /**
     * The usage records of the exchange, one per subject found (none found: none, counted) except the
     * subject's own access, as the write that stores them; called when the provider has answered. The
     * proxy stores them with the message log's response record, in its transaction
     * ({@link org.sild.securityserver.messagelog.MessageLog#append(
     * org.sild.securityserver.messagelog.LogRecord, LinkedWrite)}), so the exchange fails when they
     * cannot be stored, as when the message log cannot be written.
     */
    public Optional<LinkedWrite> records(Optional<String> consumerName, boolean succeeded) {
        List<String> subjects = subjects();
        if (subjects.isEmpty()) {
            tracker.withoutSubject.incrementAndGet();
            return Optional.empty();
        }
        Instant now = tracker.clock().instant();
        PduInfo pdu = context.pdu();
        var records = new ArrayList<UsageRecord>();
        for (String subject : subjects) {
            if (isOwnAccess(subject)) {
                continue;
            }
            records.add(new UsageRecord(subject, now, context.consumer(), consumerName, context.service(),
                    context.endpoint(), declaration.processingType(), pdu.purpose().or(declaration::purpose),
                    pdu.legalBasis().or(declaration::legalBasis), pdu.system(), context.userId(), context.issue(),
                    context.queryId(), context.requestId(), succeeded, pdu.hidden(), pdu.hiddenUntil()));
        }
        return records.isEmpty() ? Optional.empty() : Optional.of(tracker.write(records));
    }

    /**
     * The subjects, with the prefix unless they start with it already, without duplicates, in order;
     * blank or over-long values are left out.
     */
    List<String> subjects() {
        List<String> raw = declaration.locator().kind() == SubjectLocator.Kind.RESPONSE_JSON_POINTER
                ? response.flatMap(BoundedCapture::captured).map(b -> DataTracker.jsonValues(b, declaration.locator().name()))
                        .orElse(List.of())
                : requestSubjects;
        if (declaration.locator().kind() == SubjectLocator.Kind.RESPONSE_JSON_POINTER
                && response.filter(c -> c.captured().isEmpty()).isPresent()) {
            tracker.bodyTooLarge.incrementAndGet();
        }
        String prefix = declaration.subjectPrefix().orElse("");
        var subjects = new LinkedHashSet<String>();
        for (String s : raw) {
            String value = s.strip();
            if (!value.isEmpty() && prefix.length() + value.length() <= UsageRecord.MAX_SUBJECT_LENGTH) {
                subjects.add(value.startsWith(prefix) ? value : prefix + value);
            }
        }
        return List.copyOf(subjects);
    }

    /** A person using their own data is not a use to report: the user id is the subject, with or without prefix. */
    private boolean isOwnAccess(String subject) {
        String prefix = declaration.subjectPrefix().orElse("");
        return context.userId().filter(u -> u.equals(subject) || (prefix + u).equals(subject)).isPresent();
    }
}
