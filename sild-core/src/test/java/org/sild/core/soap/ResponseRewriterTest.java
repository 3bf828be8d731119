package org.sild.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.core.soap.SoapTexts.CLIENT;
import static org.sild.core.soap.SoapTexts.NS;
import static org.sild.core.soap.SoapTexts.SERVICE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class ResponseRewriterTest {

    private static final RequestHash HASH = RequestHash.sha512("request".getBytes(StandardCharsets.UTF_8));
    private static final String NEW = "<xrd:requestHash algorithmId=\"" + RequestHash.SHA512_ALGORITHM_ID + "\">"
            + HASH.value() + "</xrd:requestHash>";
    private static final String BODY = "<SOAP-ENV:Body><m:getXResponse xmlns:m=\"urn:m\">"
            + "<m:r a = 'x&#10;y' b=\"&quot;\">1 &amp; 2 &#x263A;<![CDATA[<raw>]]><!-- c --><?pi d?></m:r><m:e/></m:getXResponse>"
            + "</SOAP-ENV:Body>";

    @Test
    void insertsAfterIdWithIdsIndentationAndKeepsTheSourceText() {
        String response = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\r\n<!-- prolog -->\r\n"
                + "<SOAP-ENV:Envelope\r\n    " + NS + ">\r\n  <SOAP-ENV:Header>\r\n    " + CLIENT + "\r\n    " + SERVICE
                + "\r\n    <xrd:id>x</xrd:id>\r\n    <xrd:protocolVersion>4.0</xrd:protocolVersion>\r\n  </SOAP-ENV:Header>\r\n  "
                + BODY + "\r\n</SOAP-ENV:Envelope>\r\n<!-- epilog -->\r\n";
        String expected = response.replace("<xrd:id>x</xrd:id>", "<xrd:id>x</xrd:id>\r\n    " + NEW);
        assertThat(rewrite(response, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void dropsEveryRequestHashTheInformationSystemSuppliedWithItsLine() {
        String response = envelope("\n  " + CLIENT + "\n  <xrd:requestHash algorithmId=\"x\">Zm9v</xrd:requestHash>\n  "
                + SERVICE + "\n  <xrd:id>x</xrd:id>\n  <xrd:requestHash><!-- c -->YmFy</xrd:requestHash>"
                + "<xrd:protocolVersion>4.0</xrd:protocolVersion>\n");
        String expected = envelope("\n  " + CLIENT + "\n  " + SERVICE + "\n  <xrd:id>x</xrd:id>\n  " + NEW
                + "<xrd:protocolVersion>4.0</xrd:protocolVersion>\n");
        assertThat(rewrite(response, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void requestHashOutsideTheHeaderIsNotTouched() {
        String body = "<SOAP-ENV:Body><m:getXResponse xmlns:m=\"urn:m\" xmlns:x=\"http://x-road.eu/xsd/xroad.xsd\">"
                + "<x:requestHash>kept</x:requestHash></m:getXResponse></SOAP-ENV:Body>";
        String response = "<SOAP-ENV:Envelope " + NS + "><SOAP-ENV:Header>" + CLIENT + SERVICE + "<xrd:id/>"
                + "</SOAP-ENV:Header>" + body + "</SOAP-ENV:Envelope>";
        assertThat(rewrite(response, StandardCharsets.UTF_8)).isEqualTo(response.replace("<xrd:id/>", "<xrd:id/>" + NEW));
    }

    @Test
    void usesThePrefixOfIdAndRedeclaresItWhenIdDeclaredItItself() {
        String defaultNs = "<SOAP-ENV:Envelope " + NS + " xmlns=\"http://x-road.eu/xsd/xroad.xsd\"><SOAP-ENV:Header>"
                + CLIENT + SERVICE + "<id>x</id></SOAP-ENV:Header>" + BODY + "</SOAP-ENV:Envelope>";
        assertThat(rewrite(defaultNs, StandardCharsets.UTF_8))
                .contains("<id>x</id><requestHash algorithmId=\"" + RequestHash.SHA512_ALGORITHM_ID + "\">");
        String local = "<SOAP-ENV:Envelope " + NS + "><SOAP-ENV:Header>" + CLIENT + SERVICE
                + "<q:id xmlns:q=\"http://x-road.eu/xsd/xroad.xsd\">x</q:id><xrd:protocolVersion>4.0</xrd:protocolVersion>"
                + "</SOAP-ENV:Header>" + BODY + "</SOAP-ENV:Envelope>";
        String rewritten = rewrite(local, StandardCharsets.UTF_8);
        assertThat(rewritten).contains("</q:id><q:requestHash xmlns:q=\"http://x-road.eu/xsd/xroad.xsd\" algorithmId=");
        assertThat(parse(rewritten).header().requestHash()).contains(HASH);
    }

    @Test
    void keepsByteOrderMarkAndCharset() throws IOException {
        String response = envelope("<xrd:id>Ä</xrd:id>");
        byte[] latin = response.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(rewriteBytes(latin, StandardCharsets.ISO_8859_1, true), StandardCharsets.ISO_8859_1))
                .isEqualTo(response.replace("</xrd:id>", "</xrd:id>" + NEW));
        byte[] bom = ("\uFEFF" + response).getBytes(StandardCharsets.UTF_8);
        byte[] out = rewriteBytes(bom, StandardCharsets.UTF_8, true);
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + response.replace("</xrd:id>", "</xrd:id>" + NEW));
    }

    @Test
    void serialisedFallbackMeansTheSame() throws IOException {
        String response = "<?xml version=\"1.0\"?>\n<SOAP-ENV:Envelope " + NS + "><SOAP-ENV:Header>\n  " + CLIENT + "\n  "
                + SERVICE + "\n  <xrd:id>x</xrd:id>\n  <xrd:requestHash>old</xrd:requestHash>\n  <xrd:userId a=\"&lt;\t\"/>\n"
                + "<xrd:protocolVersion>4.0</xrd:protocolVersion></SOAP-ENV:Header>" + BODY + "</SOAP-ENV:Envelope>";
        String serialised = new String(rewriteBytes(response.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                false), StandardCharsets.UTF_8);
        assertThat(serialised).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope")
                .contains("<xrd:id>x</xrd:id>\n  " + NEW + "\n  <xrd:userId a=\"&lt; \"></xrd:userId>")
                .contains("<m:r a=\"x&#10;y\" b=\"&quot;\">1 &amp; 2 \u263A<![CDATA[<raw>]]><!-- c --><?pi d?></m:r>")
                .doesNotContain("old");
        SoapMessage fromSource = parse(rewrite(response, StandardCharsets.UTF_8));
        SoapMessage fromEvents = parse(serialised);
        assertThat(fromEvents.header()).isEqualTo(fromSource.header());
        assertThat(fromEvents.header().requestHash()).contains(HASH);
    }

    @Test
    void responseWithoutIdOrWithBrokenXmlIsRefused() {
        String noId = "<SOAP-ENV:Envelope " + NS + "><SOAP-ENV:Header>" + CLIENT + "</SOAP-ENV:Header>" + BODY
                + "</SOAP-ENV:Envelope>";
        assertThatThrownBy(() -> rewrite(noId, StandardCharsets.UTF_8)).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.MISSING_HEADER_FIELD)));
        assertThatThrownBy(() -> rewrite(envelope("<xrd:id>x</xrd:id>").replace("</SOAP-ENV:Body>", ""),
                StandardCharsets.UTF_8)).isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_SOAP)));
    }

    @Test
    void soapMessageRewriteUpdatesHeaderAndBytes() {
        String response = envelope(CLIENT + SERVICE + "<xrd:id>x</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion>");
        SoapMessage parsed = parse(response);
        SoapMessage forwarded = parsed.withRequestHash(HASH);
        assertThat(forwarded.header()).isEqualTo(parsed.header().withRequestHash(HASH));
        assertThat(forwarded.bytes()).isEqualTo(response.replace("</xrd:id>", "</xrd:id>" + NEW)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(forwarded.header().requestHash().orElseThrow().algorithmId()).contains(RequestHash.SHA512_ALGORITHM_ID);
        assertThat(new RequestHash(Optional.empty(), HASH.value()).matches(forwarded.header().requestHash().orElseThrow()))
                .isTrue();
    }

    private static String envelope(String headers) {
        return "<SOAP-ENV:Envelope " + NS + "><SOAP-ENV:Header>" + headers + "</SOAP-ENV:Header>" + BODY
                + "</SOAP-ENV:Envelope>";
    }

    private static SoapMessage parse(String xml) {
        return (SoapMessage) new SoapParser(SoapLimits.withMaxSoapBytes(1 << 20))
                .parse(SoapTexts.stream(xml), "text/xml; charset=UTF-8");
    }

    private static String rewrite(String xml, Charset charset) {
        try {
            return new String(rewriteBytes(xml.getBytes(charset), charset, true), charset);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] rewriteBytes(byte[] bytes, Charset charset, boolean preserve) throws IOException {
        var out = new ByteArrayOutputStream();
        ResponseRewriter.rewrite(new ByteArrayInputStream(bytes), charset, HASH, out, preserve);
        return out.toByteArray();
    }
}
