package org.sild.securityserver.datatracker;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sild.core.rest.HttpHeader;
import org.sild.core.rest.RestHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a consumer said about its use of personal data (PR-PDU, with Sild's two extensions): in REST
 * the {@code X-Road-Pdu-*} headers, in SOAP the {@code pdu:pdu} header and Sild's
 * {@code sildpdu:pduExtension} header. A malformed or over-long value is ignored with a warning (the
 * declared default applies): like any unknown header, it must not break an exchange that works.
 * Immutable.
 */
record PduInfo(Optional<String> purpose, Optional<String> system, Optional<String> legalBasis, boolean hidden,
        Optional<Instant> hiddenUntil) {

    /** PR-PDU's namespace. */
    static final String PDU_NAMESPACE = "http://x-road.eu/xsd/pdu.xsd";
    /** The namespace PR-PDU's own examples use; accepted on input. */
    static final String PDU_EXAMPLE_NAMESPACE = "http://x-road.eu/xsd/du.xsd";
    /** Sild's header element {@code pduExtension} with {@code legalBasis} and {@code hiddenUntil}. */
    static final String SILD_NAMESPACE = "https://sild.dev/xsd/pdu-extension.xsd";
    static final String REASON = "X-Road-Pdu-Reason";
    static final String SYSTEM = "X-Road-Pdu-System";
    static final String HIDDEN = "X-Road-Pdu-Hidden";
    static final String LEGAL_BASIS = "X-Road-Pdu-Legal-Basis";
    static final String HIDDEN_UNTIL = "X-Road-Pdu-Hidden-Until";
    /** Longest text kept. */
    static final int MAX_LENGTH = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(PduInfo.class);

    static final PduInfo NONE = new PduInfo(Optional.empty(), Optional.empty(), Optional.empty(), false,
            Optional.empty());

    /** From the REST request's signed headers. */
    static PduInfo fromRest(List<HttpHeader> headers) {
        return of(RestHeaders.last(headers, REASON), RestHeaders.last(headers, SYSTEM),
                RestHeaders.last(headers, LEGAL_BASIS), RestHeaders.last(headers, HIDDEN),
                RestHeaders.last(headers, HIDDEN_UNTIL), "header ");
    }

    /** From the SOAP envelope's {@code Header} element, if it has one. */
    static PduInfo fromSoapHeader(Optional<Element> header) {
        if (header.isEmpty()) {
            return NONE;
        }
        Optional<Element> pdu = child(header.get(), PDU_NAMESPACE, "pdu")
                .or(() -> child(header.get(), PDU_EXAMPLE_NAMESPACE, "pdu"));
        Optional<Element> sild = child(header.get(), SILD_NAMESPACE, "pduExtension");
        return of(pdu.flatMap(p -> text(p, "reason")), pdu.flatMap(p -> text(p, "system")),
                sild.flatMap(s -> text(s, "legalBasis")), pdu.flatMap(p -> text(p, "hidden")),
                sild.flatMap(s -> text(s, "hiddenUntil")), "SOAP header element ");
    }

    private static PduInfo of(Optional<String> reason, Optional<String> system, Optional<String> legalBasis,
            Optional<String> hidden, Optional<String> hiddenUntil, String what) {
        Optional<Instant> until = hiddenUntil.flatMap(v -> {
            try {
                return Optional.of(OffsetDateTime.parse(v.strip()).toInstant());
            } catch (DateTimeParseException e) {
                warn(what + HIDDEN_UNTIL, "is not an RFC 3339 time");
                return Optional.empty();
            }
        });
        boolean hide = until.isPresent() || hidden.map(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> {
                warn(what + HIDDEN, "is not true or false");
                yield false;
            }
        }).orElse(false);
        return new PduInfo(bounded(reason, what + REASON), bounded(system, what + SYSTEM),
                bounded(legalBasis, what + LEGAL_BASIS), hide, until);
    }

    private static Optional<String> bounded(Optional<String> value, String what) {
        Optional<String> v = value.map(String::strip).filter(s -> !s.isEmpty());
        if (v.filter(s -> s.length() > MAX_LENGTH).isPresent()) {
            warn(what, "is longer than " + MAX_LENGTH + " characters");
            return Optional.empty();
        }
        return v;
    }

    private static void warn(String what, String problem) {
        LOG.warn("personal data usage {} {}: ignored, the declared default applies", what, problem);
    }

    private static Optional<Element> child(Element parent, String namespace, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, parent.getNamespaceURI(), name).map(Element::getTextContent);
    }
}
