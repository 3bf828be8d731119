package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.rest.HttpHeader;
import org.sild.core.xml.SafeXml;
import org.sild.securityserver.datatracker.SubjectLocator.Kind;
import org.w3c.dom.Element;

/** Finding subjects for every locator kind, and reading the consumer's personal data usage headers. */
class SubjectExtractionTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonPointersFindStringsNumbersAndArrayItems() {
        byte[] json = utf8("{\"patient\":\"38001010001\",\"a/b\":{\"m~n\":[\"1\",2,{\"x\":3}]},\"n\":47101010033,"
                + "\"list\":[{\"code\":\"5\"}]}");
        assertThat(DataTracker.jsonValues(json, "/patient")).containsExactly("38001010001");
        assertThat(DataTracker.jsonValues(json, "/a~1b/m~0n")).containsExactly("1", "2");
        assertThat(DataTracker.jsonValues(json, "/n")).containsExactly("47101010033");
        assertThat(DataTracker.jsonValues(json, "/list/0/code")).containsExactly("5");
        assertThat(DataTracker.jsonValues(json, "/list/1/code")).isEmpty();
        assertThat(DataTracker.jsonValues(json, "/missing")).isEmpty();
        assertThat(DataTracker.jsonValues(utf8("not json"), "/patient")).isEmpty();
    }

    @Test
    void pathTemplatesBindVariablesAndMatchWholeSegments() {
        assertThat(PathTemplate.match("/prescriptions/{id}/dispense", "/prescriptions/7/dispense"))
                .contains(Map.of("id", "7"));
        assertThat(PathTemplate.match("/persons/{code}", "/persons/EE%2038")).contains(Map.of("code", "EE 38"));
        assertThat(PathTemplate.match("/persons/{code}", "/persons/")).isEmpty();
        assertThat(PathTemplate.match("/persons/{code}", "/persons/1/2")).isEmpty();
        assertThat(PathTemplate.match("/persons/*/x", "/persons/1/x")).contains(Map.of());
        assertThat(PathTemplate.match("/persons/**", "/persons/1/2/3")).contains(Map.of());
        assertThat(PathTemplate.match("/persons", "/people")).isEmpty();
        assertThat(PathTemplate.glob("/prescriptions/{id}/dispense")).isEqualTo("/prescriptions/*/dispense");
        assertThat(PathTemplate.glob("/{personalCode}")).isEqualTo("/*");
        assertThat(PathTemplate.glob("/a{b}/c")).as("not a whole segment").isEqualTo("/a{b}/c");
    }

    @Test
    void queryParametersAreDecodedAndRepeatable() {
        assertThat(QueryString.values(Optional.of("patient=38001010001&x=1&patient=EE%2B1+2"), "patient"))
                .containsExactly("38001010001", "EE+1 2");
        assertThat(QueryString.values(Optional.of("patient"), "patient")).isEmpty();
        assertThat(QueryString.values(Optional.empty(), "patient")).isEmpty();
    }

    @Test
    void xpathFindsEveryNodeInTheSoapBody() throws Exception {
        Element body = SafeXml.documentBuilder().parse(new ByteArrayInputStream(utf8(
                "<Body><p:getPerson xmlns:p=\"urn:persons\"><p:code>1</p:code><p:code> 2 </p:code></p:getPerson>"
                        + "</Body>"))).getDocumentElement();
        var nodes = new SubjectLocator(Kind.XPATH, "p:getPerson/p:code", Map.of("p", "urn:persons"));
        assertThat(DataTracker.xpathValues(body, nodes)).containsExactly("1", " 2 ");
        var string = new SubjectLocator(Kind.XPATH, "concat('3', '4')", Map.of());
        assertThat(DataTracker.xpathValues(body, string)).containsExactly("34");
    }

    @Test
    void restPduHeadersGivePurposeSystemLegalBasisAndHiding() {
        PduInfo pdu = PduInfo.fromRest(List.of(new HttpHeader("x-road-pdu-reason", "treatment"),
                new HttpHeader("X-Road-Pdu-System", "clinic-app"), new HttpHeader("X-Road-Pdu-Legal-Basis", "law"),
                new HttpHeader("X-Road-Pdu-Hidden-Until", "2030-01-01T00:00:00+02:00")));
        assertThat(pdu).isEqualTo(new PduInfo(Optional.of("treatment"), Optional.of("clinic-app"), Optional.of("law"),
                true, Optional.of(Instant.parse("2029-12-31T22:00:00Z"))));
        assertThat(PduInfo.fromRest(List.of(new HttpHeader("X-Road-Pdu-Hidden", "true"))).hidden()).isTrue();
        assertThat(PduInfo.fromRest(List.of())).isEqualTo(PduInfo.NONE);
    }

    @Test
    void malformedPduValuesAreIgnored() {
        PduInfo pdu = PduInfo.fromRest(List.of(new HttpHeader("X-Road-Pdu-Reason", "x".repeat(1001)),
                new HttpHeader("X-Road-Pdu-Hidden", "maybe"), new HttpHeader("X-Road-Pdu-Hidden-Until", "tomorrow"),
                new HttpHeader("X-Road-Pdu-System", "  ")));
        assertThat(pdu).isEqualTo(PduInfo.NONE);
    }

    @Test
    void soapPduHeaderInEitherNamespaceAndSildsExtension() throws Exception {
        for (String ns : List.of(PduInfo.PDU_NAMESPACE, PduInfo.PDU_EXAMPLE_NAMESPACE)) {
            Element header = SafeXml.documentBuilder().parse(new ByteArrayInputStream(utf8(
                    "<Header><pdu:pdu xmlns:pdu=\"" + ns + "\"><pdu:reason>treatment</pdu:reason>"
                            + "<pdu:system>clinic</pdu:system><pdu:hidden>true</pdu:hidden></pdu:pdu>"
                            + "<s:pduExtension xmlns:s=\"" + PduInfo.SILD_NAMESPACE + "\"><s:legalBasis>law</s:legalBasis>"
                            + "<s:hiddenUntil>2030-01-01T00:00:00Z</s:hiddenUntil></s:pduExtension></Header>")))
                    .getDocumentElement();
            assertThat(PduInfo.fromSoapHeader(Optional.of(header))).isEqualTo(new PduInfo(Optional.of("treatment"),
                    Optional.of("clinic"), Optional.of("law"), true, Optional.of(Instant.parse("2030-01-01T00:00:00Z"))));
        }
        assertThat(PduInfo.fromSoapHeader(Optional.empty())).isEqualTo(PduInfo.NONE);
    }
}
