package org.sild.securityserver.messagelog;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.MessageType;

/**
 * One message as the message log keeps it: the signed message and its signature, with the ids and
 * parties that find it again. Four records exist per exchange, request and response on both
 * security servers.
 *
 * @param queryId the X-Road message id ({@code id} header / {@code X-Road-Id})
 * @param requestId the {@code x-road-request-id} of the exchange
 * @param client the service client
 * @param service the service
 * @param response whether this is the response
 * @param type SOAP or REST
 * @param message the signed message bytes: the SOAP envelope or the REST header part
 * @param restBody the REST body when it is stored (bodies are logged up to a configured size)
 * @param signature the signature XML with its hash-chain parts when batch-signed
 * @param time when the record was made
 */
public record LogRecord(String queryId, String requestId, ClientId client, ServiceId service, boolean response,
        MessageType type, byte[] message, Optional<byte[]> restBody, SignatureData signature, Instant time) {

    public LogRecord {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(type, "type");
        message = message.clone();
        restBody = restBody.map(byte[]::clone);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(time, "time");
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    @Override
    public Optional<byte[]> restBody() {
        return restBody.map(byte[]::clone);
    }

    /** The length of the message and the REST body together, in bytes (without copying them). */
    public long size() {
        return (long) message.length + restBody.map(b -> b.length).orElse(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogRecord r && queryId.equals(r.queryId) && requestId.equals(r.requestId)
                && client.equals(r.client) && service.equals(r.service) && response == r.response
                && type == r.type && Arrays.equals(message, r.message)
                && Arrays.equals(restBody.orElse(null), r.restBody.orElse(null))
                && signature.equals(r.signature) && time.equals(r.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(queryId, requestId, response, Arrays.hashCode(message));
    }

    @Override
    public String toString() {
        return "LogRecord[" + (response ? "response " : "request ") + queryId + " " + client + " -> " + service + "]";
    }
}
