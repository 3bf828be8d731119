package org.sild.e2e;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sild.cli.sandbox.SoapRequests;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;

/** X-Road SOAP 4.0 messages as information systems write them, for the end-to-end tests. Stateless. */
public final class Soap {

    private static final Pattern BODY = Pattern.compile("(?s)(<([A-Za-z][\\w.-]*):Body\\b[^>]*>).*(</\\2:Body>)");

    private static final Pattern FIRST_BODY_ELEMENT =
            Pattern.compile("(?s)<(?:[A-Za-z][\\w.-]*:)?Body\\b[^>]*>\\s*<(?:([A-Za-z][\\w.-]*):)?([A-Za-z][\\w.-]*)");

    private Soap() {
    }

    /** A request of {@code client} for {@code service} with message id {@code id} and body content {@code bodyXml}. */
    public static byte[] request(ClientId client, ServiceId service, String id, String bodyXml) {
        return SoapRequests.request(client, service, id, bodyXml).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The provider's answer to {@code request}: the request with its body content replaced by
     * {@code bodyXml}, so every X-Road header is echoed exactly as X-Road requires.
     */
    public static byte[] response(byte[] request, String bodyXml) {
        String text = new String(request, StandardCharsets.UTF_8);
        Matcher m = BODY.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("the request has no SOAP Body element");
        }
        String answer = text.substring(0, m.end(1)) + bodyXml + text.substring(m.start(3));
        return answer.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A generic answer to {@code request}: its headers echoed and a body element named after the
     * request's body element plus {@code Response} (X-Road requires it to start with the service
     * code), in namespace {@code urn:e2e}.
     */
    public static byte[] answer(byte[] request) {
        Matcher m = FIRST_BODY_ELEMENT.matcher(new String(request, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new IllegalArgumentException("the request has no body element");
        }
        String name = m.group(2) + "Response";
        return response(request, "<" + name + " xmlns=\"urn:e2e\">ok</" + name + ">");
    }

    /** X-Road's {@code requestHash} of request bytes: base64 SHA-512. */
    public static String requestHash(byte[] requestBytes) {
        return DigestAlgorithm.SHA512.base64Digest(requestBytes);
    }
}
