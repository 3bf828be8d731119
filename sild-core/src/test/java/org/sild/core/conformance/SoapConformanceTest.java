package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.core.soap.Attachment;
import org.sild.core.soap.RepresentedParty;
import org.sild.core.soap.RequestHash;
import org.sild.core.soap.ResponseRewriter;
import org.sild.core.soap.SoapEnvelope;
import org.sild.core.soap.SoapFaultMessage;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapParser;
import org.sild.testing.Vectors;

/**
 * X-Road's SOAP message vectors ({@code proxy-core/src/test/queries}): the parser-level table of
 * {@code SoapMessageTest} and the client-side parsing outcomes of the proxy test cases
 * (README-vectors.md section B), plus the provider's {@code requestHash} rewrite of the answers.
 */
class SoapConformanceTest {

    private static final String QUERIES = "src/service/proxy/proxy-core/src/test/queries/";
    private static final String TEXT_XML = "text/xml; charset=UTF-8";
    private static final SoapParser PARSER = new SoapParser(SoapLimits.withMaxSoapBytes(4 << 20));
    private static final Set<String> EXERCISED = new TreeSet<>();

    @AfterAll
    static void report() {
        Vectors.report("SOAP 4.0 messages (queries/)", EXERCISED.size());
    }

    @Test
    void simpleQueryParsesAsRequest() {
        SoapMessage m = request("simple.query");
        assertThat(m.header().client()).isEqualTo(new MemberId("EE", "BUSINESS", "consumer"));
        assertThat(m.header().service()).isEqualTo(new ServiceId(new MemberId("EE", "BUSINESS", "producer"), "testQuery"));
        assertThat(m.header().userId()).contains("EE37702211234");
        assertThat(m.header().id()).isEqualTo("1234567890");
        assertThat(m.header().protocolVersion()).isEqualTo("4.0");
        assertThat(m.bodyElement().getLocalPart()).isEqualTo("testQuery");
        assertThat(m.rpcEncoded()).isFalse();
        assertThat(m.bytes()).isEqualTo(bytes("simple.query"));
    }

    @Test
    void simpleRpcIsRecognisedAsRpcEncoded() {
        assertThat(request("simple-rpc.query").rpcEncoded()).isTrue();
    }

    @Test
    void simpleAnswerParsesAsResponseWithTheSameIds() {
        SoapMessage answer = response("simple.answer", TEXT_XML);
        SoapMessage query = request("simple.query");
        assertThat(answer.header().client()).isEqualTo(query.header().client());
        assertThat(answer.header().service()).isEqualTo(query.header().service());
        assertThat(answer.header().id()).isEqualTo("1234567890");
        assertThat(answer.bodyElement().getLocalPart()).isEqualTo("testQueryResponse");
        query.header().checkConsistentResponse(answer.header());
    }

    @Test
    void representedPartyAndIssueAreExtracted() {
        SoapMessage m = request("simple-representedparty.query");
        assertThat(m.header().representedParty()).contains(new RepresentedParty(Optional.of("COM"), "MEMBER3"));
        assertThat(m.header().issue()).contains("issue-1");
    }

    @Test
    void missingUserIdIsAccepted() {
        SoapMessage m = request("missing-userId.query");
        assertThat(m.header().userId()).isEmpty();
        m.header().checkConsistentResponse(response("missing-userId.answer", TEXT_XML).header());
    }

    /** Parser-level faults ({@code SoapMessageTest}) and client-side faults of the proxy test cases. */
    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            no-header.query                 | text/xml; charset=UTF-8 | client.missing_header          | Client.MissingHeader
            missing-body.query              | text/xml; charset=UTF-8 | client.missing_body            | Client.MissingBody
            faulty-header.query             | text/xml; charset=UTF-8 | client.missing_header_field    | Client.MissingHeaderField
            faulty-header2.query            | text/xml; charset=UTF-8 | client.duplicate_header_field  | Client.DuplicateHeaderField
            malformed-body1.query           | text/xml; charset=UTF-8 | client.invalid_body            | Client.InvalidBody
            malformed-body2.query           | text/xml; charset=UTF-8 | client.invalid_body            | Client.InvalidBody
            malformed-body3.query           | text/xml; charset=UTF-8 | client.inconsistent_headers    | Client.InconsistentHeaders
            inconsistent-headers.query      | text/xml; charset=UTF-8 | client.inconsistent_headers    | Client.InconsistentHeaders
            missing-protocolVersion.query   | text/xml; charset=UTF-8 | client.missing_header_field    | Client.MissingHeaderField
            wrong-protocolVersion.query     | text/xml; charset=UTF-8 | client.invalid_protocol_version | Client.InvalidProtocolVersion
            malformed-protocolVersion.query | text/xml; charset=UTF-8 | client.invalid_protocol_version | Client.InvalidProtocolVersion
            missingobjecttype.query         | text/xml; charset=UTF-8 | client.invalid_xml             | Client.InvalidXml
            empty.query                     | text/xml; charset=UTF-8 | client.invalid_soap            | Client.InvalidSoap
            simple.query                    | text/html; charset=UTF-8 | client.invalid_content_type   | Client.InvalidContentType
            simple.query                    | application/soap+xml    | client.invalid_content_type    | Client.InvalidContentType
            fault.query                     | text/xml; charset=UTF-8 | client.code                    | Client.CODE
            """)
    void clientSideParsingFaults(String file, String contentType, String snakeCase, String classic) {
        XRoadException e = catchThrowableOfType(XRoadException.class,
                () -> PARSER.parseRequest(new ByteArrayInputStream(bytes(file)), contentType));
        assertThat(e).as(file).isNotNull();
        FaultCode prefixed = e.withPrefix(ErrorCode.CLIENT).code();
        assertThat(prefixed).isEqualTo(FaultCode.parse(snakeCase)).isEqualTo(FaultCode.parse(classic));
    }

    @Test
    void aFaultIsReadWithCodeStringActorAndDetail() {
        SoapEnvelope envelope = PARSER.parse(new ByteArrayInputStream(bytes("fault.query")), TEXT_XML);
        assertThat(envelope).isInstanceOfSatisfying(SoapFaultMessage.class, f -> {
            assertThat(f.fault().faultCode()).isEqualTo("CODE");
            assertThat(f.fault().faultString()).isEqualTo("STRING");
            assertThat(f.fault().faultActor()).contains("ACTOR");
            assertThat(f.fault().faultDetail()).contains("DETAIL");
            assertThat(f.bytes()).isEqualTo(bytes("fault.query"));
        });
        SoapEnvelope custom = PARSER.parse(new ByteArrayInputStream(bytes("customfault.answer")), TEXT_XML);
        assertThat(((SoapFaultMessage) custom).fault().faultCode()).isEqualTo("foo:FOOCODE");
        SoapEnvelope faulty = PARSER.parse(new ByteArrayInputStream(bytes("faulty-fault.answer")), TEXT_XML);
        assertThat(((SoapFaultMessage) faulty).fault().faultActor()).isEmpty();
    }

    @Test
    void consistencyPairs() {
        request("getstate.query").header().checkConsistentResponse(response("getstate.answer", TEXT_XML).header());
        for (String pair : new String[] {"cdata", "xmlencoded", "split-header", "nowhitespace", "getstate-subsystem"}) {
            request(pair + ".query").header().checkConsistentResponse(response(pair + ".answer", TEXT_XML).header());
        }
        XRoadException e = catchThrowableOfType(XRoadException.class, () -> request("simple.query").header()
                .checkConsistentResponse(response("getstate.answer", TEXT_XML).header()));
        assertThat(e.code()).isEqualTo(FaultCode.parse("inconsistent_headers"))
                .isEqualTo(FaultCode.of(ErrorCode.INCONSISTENT_HEADERS));
        // ServerClientInconsistency: a request served as the answer to another request.
        assertThatThrownBy(() -> request("xml.query").header().checkConsistentResponse(request("getstate.query").header()))
                .isInstanceOfSatisfying(XRoadException.class,
                        x -> assertThat(x.code()).isEqualTo(FaultCode.parse("inconsistent_headers")));
    }

    @Test
    void serialisationEdgeCasesParse() {
        assertThat(request("getstate-defaultnamespace.query").header().userId()).contains("EE:PIN:abc4567");
        assertThat(request("cdata.query").header().otherHeaders()).extracting(q -> q.getLocalPart()).containsExactly("xml");
        assertThat(request("xmlencoded.query").header().userId()).contains("<\"EE37702211234\" & 'xml encoded'>");
        assertThat(request("split-header.query").header().issue()).contains("w\naa\nww\n");
        assertThat(request("nowhitespace.query").header().issue()).contains("");
        assertThat(response("simple-comment.answer", TEXT_XML).header().id()).isEqualTo("1234567890");
    }

    @Test
    void utf8ByteOrderMarkIsTolerated() {
        for (String file : new String[] {"getstate-subsystem.query", "getstate-subsystem.answer"}) {
            byte[] withBom = withBom(bytes(file));
            SoapEnvelope m = PARSER.parse(new ByteArrayInputStream(withBom), TEXT_XML);
            assertThat(m).isInstanceOf(SoapMessage.class);
            assertThat(m.bytes()).isEqualTo(withBom); // the BOM stays in the signed and hashed bytes
        }
    }

    @Test
    void iso88591AnswerIsDecodedWithItsContentTypeCharset() {
        SoapMessage answer = response("getstate-iso88591.answer", "text/xml; charset=ISO-8859-1");
        assertThat(answer.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        request("getstate.query").header().checkConsistentResponse(answer.header());
    }

    /** ResponseWithRequestHash and the serialisation cases, as the provider's security server forwards them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"getstate.answer", "requesthash.answer", "cdata.answer", "xmlencoded.answer", "split-header.answer",
            "nowhitespace.answer", "simple-comment.answer", "getstate-subsystem.answer", "missing-userId.answer"})
    void providerRewriteInsertsRequestHashAndKeepsEverythingElse(String answerFile) {
        byte[] original = bytes(answerFile);
        SoapMessage answer = response(answerFile, TEXT_XML);
        SoapMessage query = request(answerFile.replace(".answer", ".query").replace("requesthash", "getstate")
                .replace("simple-comment", "simple"));
        RequestHash hash = query.requestHash();

        SoapMessage forwarded = answer.withRequestHash(hash);

        assertThat(new String(forwarded.bytes(), StandardCharsets.UTF_8))
                .isEqualTo(expectedRewrite(new String(original, StandardCharsets.UTF_8), hash));
        SoapMessage reparsed = response(forwarded.bytes(), TEXT_XML);
        assertThat(reparsed.header()).isEqualTo(forwarded.header());
        query.checkResponseHash(reparsed);
        query.header().checkConsistentResponse(reparsed.header());
    }

    @Test
    void informationSystemRequestHashIsNotTrusted() {
        SoapMessage answer = response("requesthash.answer", TEXT_XML);
        assertThat(answer.header().requestHash()).hasValueSatisfying(h -> assertThat(h.value()).isEqualTo("foo"));
        assertThatThrownBy(() -> request("getstate.query").checkResponseHash(answer))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.parse("inconsistent_response")));
        assertThatThrownBy(() -> request("getstate.query").checkResponseHash(response("getstate.answer", TEXT_XML)))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.of(ErrorCode.INCONSISTENT_RESPONSE)));
    }

    @Test
    void rewriteKeepsTheCharsetOfAnIso88591Answer() throws Exception {
        byte[] original = bytes("getstate-iso88591.answer");
        RequestHash hash = request("getstate.query").requestHash();
        var out = new ByteArrayOutputStream();
        ResponseRewriter.insertRequestHash(new ByteArrayInputStream(original), StandardCharsets.ISO_8859_1, hash, out);
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1))
                .isEqualTo(expectedRewrite(new String(original, StandardCharsets.ISO_8859_1), hash));
    }

    @Test
    void emptyMultipartRequestHasNoSoap() {
        for (byte[] body : new byte[][] {bytes("empty.query"), {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}}) {
            XRoadException e = catchThrowableOfType(XRoadException.class, () -> PARSER.readRequest(
                    new ByteArrayInputStream(body), "multipart/related; charset=UTF-8; boundary=jetty771207119h3h10dty"));
            assertThat(e.withPrefix(ErrorCode.CLIENT).code()).isEqualTo(FaultCode.parse("client.missing_soap"))
                    .isEqualTo(FaultCode.parse("Client.MissingSoap"));
        }
    }

    /** AttachmentFaulty, AttachmentNoSoap, AttachmentFaultySoap: the fault surfaces while the package is read. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"attachm-error.query, client.invalid_content_type, Client.InvalidContentType",
            "attachm-no-soap.query, client.invalid_content_type, Client.InvalidContentType",
            "attachm-faulty-soap.query, client.missing_header_field, Client.MissingHeaderField"})
    void faultyPackages(String file, String snakeCase, String classic) {
        XRoadException e = catchThrowableOfType(XRoadException.class, () -> PARSER.readRequest(
                new ByteArrayInputStream(bytes(file)), multipartType(bytes(file))).finish());
        assertThat(e.withPrefix(ErrorCode.CLIENT).code()).isEqualTo(FaultCode.parse(snakeCase))
                .isEqualTo(FaultCode.parse(classic));
    }

    @Test
    void swaPackageKeepsSoapBytesAndAttachmentHeaders() throws Exception {
        SoapPackage pkg = PARSER.readRequest(new ByteArrayInputStream(bytes("attachm.query")),
                "multipart/related; charset=UTF-8; boundary=jetty771207119h3h10dty");
        SoapMessage soap = pkg.message().orElseThrow();
        String soapText = new String(soap.bytes(), StandardCharsets.UTF_8);
        assertThat(soapText).startsWith("<?xml version=").endsWith("</SOAP-ENV:Envelope>\n");
        assertThat(soap.contentType()).isEqualTo("text/xml; charset=\"utf-8\"");
        Attachment a = pkg.nextAttachment().orElseThrow();
        assertThat(a.headers().first("Content-Type")).contains("multipart/mixed; charset=UTF-8; boundary=jetty1627004719h3h10du0");
        assertThat(new String(a.body().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Client-Header: FooBar").contains("blaah");
        assertThat(pkg.nextAttachment()).isEmpty();

        SoapPackage several = PARSER.readRequest(new ByteArrayInputStream(bytes("attachments.query")),
                multipartType(bytes("attachments.query")));
        var bodies = new ArrayList<String>();
        for (var next = several.nextAttachment(); next.isPresent(); next = several.nextAttachment()) {
            bodies.add(new String(next.get().body().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        assertThat(bodies).containsExactly("blaah", "blaah1", "blaah2");
    }

    @Test
    void mtomPackageWithXopRootPart() throws Exception {
        SoapPackage pkg = PARSER.readRequest(new ByteArrayInputStream(bytes("attachm-mtom.query")), "Multipart/Related; "
                + "start-info=\"application/soap+xml\"; type=\"application/xop+xml\"; boundary=\"jetty771207119h3h10dty\"");
        assertThat(pkg.soapPartHeaders().first("Content-ID")).contains("<foo>");
        assertThat(pkg.soap().contentType()).isEqualTo("application/xop+xml; type=\"application/soap+xml\"; charset=utf-8");
        Attachment a = pkg.nextAttachment().orElseThrow();
        assertThat(a.headers().first("content-type")).contains("text/plain; charset=UTF-8; name=attachment.txt");
        assertThat(a.headers().first("Content-ID")).contains("<42a7ee0a-20ee-426b-a135-094d72bc138f@example.org>");
        assertThat(new String(a.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("foobar");
        pkg.finish();
    }

    @Test
    void byteOrderMarkInsideTheSoapPart() {
        SoapPackage pkg = PARSER.readRequest(new ByteArrayInputStream(bytes("attachm2-utf8bom-inside.query")),
                multipartType(bytes("attachm2-utf8bom-inside.query")));
        assertThat(pkg.message().orElseThrow().header().id()).isEmpty();
        assertThat(pkg.soap().bytes()[0]).isEqualTo((byte) 0xEF);
        pkg.finish();
        assertThat(pkg.attachmentCount()).isEqualTo(1);
    }

    /**
     * Every message file: it reads (with its attachments) or fails with the listed code. Faults
     * read as faults. soapfault-mtom.answer lacks the close delimiter, which X-Road tolerates from
     * information systems, and so does Sild (between security servers it is refused).
     */
    @Test
    void everyMessageFileReadsOrFailsAsListed() throws Exception {
        var expected = new HashMap<String, ErrorCode>();
        expected.put("no-header.query", ErrorCode.MISSING_HEADER);
        expected.put("missing-body.query", ErrorCode.MISSING_BODY);
        for (String f : new String[] {"faulty-header.query", "missing-protocolVersion.query", "attachm-faulty-soap.query"}) {
            expected.put(f, ErrorCode.MISSING_HEADER_FIELD);
        }
        expected.put("faulty-header2.query", ErrorCode.DUPLICATE_HEADER_FIELD);
        expected.put("malformed-body1.query", ErrorCode.INVALID_BODY);
        expected.put("malformed-body2.query", ErrorCode.INVALID_BODY);
        for (String f : new String[] {"malformed-body3.query", "inconsistent-headers.query", "attach-error-withsoap.query"}) {
            expected.put(f, ErrorCode.INCONSISTENT_HEADERS);
        }
        for (String f : new String[] {"wrong-protocolVersion.query", "malformed-protocolVersion.query", "wrong-version.query"}) {
            expected.put(f, ErrorCode.INVALID_PROTOCOL_VERSION);
        }
        expected.put("missingobjecttype.query", ErrorCode.INVALID_XML);
        expected.put("empty.query", ErrorCode.INVALID_SOAP);
        expected.put("no-soap.query", ErrorCode.INVALID_SOAP);
        expected.put("attachm-error.query", ErrorCode.INVALID_CONTENT_TYPE);
        expected.put("attachm-no-soap.query", ErrorCode.INVALID_CONTENT_TYPE);
        // Its delimiters do not match its boundary: read leniently, the whole body is one broken SOAP part.
        expected.put("faulty-multipart.query", ErrorCode.INVALID_SOAP);
        Set<String> faults = Set.of("fault.query", "soapfaulterror.query", "customfault.answer", "faulty-fault.answer",
                "customsoapenv.answer", "soapfault-mtom.answer");

        int checked = 0;
        try (var files = Files.list(Vectors.file(QUERIES))) {
            for (String file : files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".query") || n.endsWith(".answer")).sorted().toList()) {
                byte[] body = bytes(file);
                String type = body.length > 2 && body[0] == '-' && body[1] == '-' ? multipartType(body) : TEXT_XML;
                try {
                    SoapPackage pkg = PARSER.read(new ByteArrayInputStream(body), type);
                    assertThat(pkg.soap() instanceof SoapFaultMessage).as(file).isEqualTo(faults.contains(file));
                    pkg.finish();
                    assertThat(expected).as(file + " should have failed").doesNotContainKey(file);
                } catch (XRoadException e) {
                    assertThat(e.code()).as(file + ": " + e.getMessage()).isEqualTo(FaultCode.of(
                            expected.getOrDefault(file, ErrorCode.INTERNAL_ERROR)));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(70);
    }

    /** The multipart Content-Type for a vector whose first line is its boundary. */
    private static String multipartType(byte[] body) {
        String first = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1).lines().findFirst()
                .orElseThrow();
        return "multipart/related; type=\"text/xml\"; boundary=\"" + first.substring(2).strip() + "\"";
    }

    /** The answer text with the requestHash line X-Road's provider writes after {@code id}, any old one removed. */
    private static String expectedRewrite(String original, RequestHash hash) {
        String withoutOld = original.replaceAll("\\s*<xroad:requestHash[^>]*>[^<]*</xroad:requestHash>", "");
        Matcher id = Pattern.compile("(\\s*)<xroad:id>[^<]*</xroad:id>").matcher(withoutOld);
        assertThat(id.find()).isTrue();
        String element = id.group(1) + "<xroad:requestHash algorithmId=\"" + RequestHash.SHA512_ALGORITHM_ID + "\">"
                + hash.value() + "</xroad:requestHash>";
        return withoutOld.substring(0, id.end()) + element + withoutOld.substring(id.end());
    }

    private static SoapMessage request(String file) {
        return PARSER.parseRequest(new ByteArrayInputStream(bytes(file)), TEXT_XML);
    }

    private static SoapMessage response(String file, String contentType) {
        return response(bytes(file), contentType);
    }

    private static SoapMessage response(byte[] bytes, String contentType) {
        return (SoapMessage) PARSER.parse(new ByteArrayInputStream(bytes), contentType);
    }

    static byte[] bytes(String file) {
        EXERCISED.add(file);
        return Vectors.bytes(QUERIES + file);
    }

    private static byte[] withBom(byte[] bytes) {
        byte[] out = new byte[bytes.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, out, 3, bytes.length);
        return out;
    }
}
