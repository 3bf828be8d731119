package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.management.ManagementMessage;
import org.sild.core.management.ManagementPackage;
import org.sild.core.management.ManagementRequest;
import org.sild.core.management.ManagementResponse;
import org.sild.core.multipart.BodyPart;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartReader;
import org.sild.testing.Vectors;

/**
 * The example messages of PR-MSERV annex A (in {@code ../shared/reference/x-road-docs}), read with
 * Sild's management message reader: every request and response envelope, and the MIME framing of
 * the signed requests where the document writes it as MIME.
 *
 * <p>Two facts about the document itself: the certificate in A.3 was damaged in transcription (neither
 * the request's nor the response's copy is valid base64; A.4 carries the same certificate intact), and only A.3 and A.7–A.9 separate part headers from bodies with an
 * empty line, as MIME requires.
 */
class ManagementAnnexConformanceTest {

    private static final Pattern SECTION = Pattern.compile("(?m)^### (A\\.\\d+) (\\w+)$");
    private static final Pattern CODE_BLOCK = Pattern.compile("(?s)```xml\\n(.*?)```");
    private static final MemberId TS1_OWNER = new MemberId("EE", "GOV", "TS1OWNER");
    private static final SecurityServerId TS1 = new SecurityServerId(TS1_OWNER, "TS1");
    private static final SecurityServerId SS1 = new SecurityServerId(new MemberId("EE", "CLASS", "MEMBER"), "SS1");

    /** Annex number → [request block, response block]. */
    private static final Map<String, List<String>> EXAMPLES = new LinkedHashMap<>();

    @BeforeAll
    static void readAnnex() throws IOException {
        Path doc = Vectors.root().toAbsolutePath().normalize().getParent().getParent()
                .resolve("reference/x-road-docs/Protocols/pr-mserv_x-road_protocol_for_management_services.md");
        assumeTrue(Files.isRegularFile(doc), () -> "PR-MSERV not found at " + doc);
        String text = Files.readString(doc);
        String annex = text.substring(text.indexOf("## Annex A."), text.indexOf("## Annex B"));
        Matcher sections = SECTION.matcher(annex);
        var starts = new ArrayList<int[]>();
        var names = new ArrayList<String>();
        while (sections.find()) {
            starts.add(new int[] {sections.start()});
            names.add(sections.group(1));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : annex.length();
            Matcher blocks = CODE_BLOCK.matcher(annex.substring(starts.get(i)[0], end));
            var list = new ArrayList<String>();
            while (blocks.find()) {
                list.add(blocks.group(1));
            }
            EXAMPLES.put(names.get(i), list);
        }
    }

    @Test
    void everyExampleEnvelopeReadsAsTheDocumentDescribesIt() {
        assertThat(EXAMPLES).hasSize(11).allSatisfy((n, blocks) -> assertThat(blocks).hasSize(2));
        var subsystem = new MemberId("EE", "COM", "client").subsystem("subsystem");
        var ss1Subsystem = new MemberId("EE", "CLASS", "MEMBER").subsystem("SUBSYSTEM");

        assertThat(request("A.1")).isEqualTo(new ManagementRequest.ClientReg(TS1, subsystem,
                Optional.of("subsystem name")));
        assertThat(request("A.2")).isEqualTo(new ManagementRequest.ClientDeletion(TS1, subsystem));
        assertThat(request("A.4")).isInstanceOfSatisfying(ManagementRequest.AuthCertDeletion.class, r ->
                assertThat(r.authCert().getSubjectX500Principal().getName()).isEqualTo("CN=TS1OWNER,O=GOV,C=EE"));
        assertThat(request("A.5")).isEqualTo(new ManagementRequest.OwnerChange(TS1, new MemberId("EE", "COM", "MACK")));
        assertThat(request("A.6")).isEqualTo(new ManagementRequest.AddressChange(TS1, "security-server.address"));
        assertThat(request("A.7")).isEqualTo(new ManagementRequest.ClientDisable(SS1, ss1Subsystem));
        assertThat(request("A.8")).isEqualTo(new ManagementRequest.ClientEnable(SS1, ss1Subsystem));
        assertThat(request("A.9")).isEqualTo(new ManagementRequest.ClientRename(SS1, ss1Subsystem, "SUBSYSTEM Name"));
        assertThat(request("A.10")).isEqualTo(new ManagementRequest.MaintenanceModeEnable(TS1,
                Optional.of("Will end at 2016-01-01T00:00:00.000+02:00")));
        assertThat(request("A.11")).isEqualTo(new ManagementRequest.MaintenanceModeDisable(TS1));
        assertThat(message("A.7").header().service().provider()).isEqualTo(new MemberId("EE", "BUSINESS",
                "servicemember2"));

        Map<String, Long> ids = Map.of("A.1", 394L, "A.2", 395L, "A.4", 392L, "A.5", 691L, "A.6", 1133L,
                "A.7", 1122L, "A.8", 1122L, "A.9", 1122L, "A.10", 1133L, "A.11", 1133L);
        ids.forEach((n, id) -> assertThat(response(n).requestId()).as(n).isEqualTo(id));
        // X-Road's examples echo the disabled subsystem's member, not the subsystem: echoes are not compared.
        assertThat(response("A.7").request()).isEqualTo(new ManagementRequest.ClientDisable(SS1,
                ss1Subsystem.member()));
        assertThat(response("A.9").request()).isEqualTo(request("A.9"));
        Vectors.report("PR-MSERV annex A example envelopes", 22);
    }

    @Test
    void theAuthCertRegExampleReadsOnceItsCertificateIsTheIntactOne() {
        String intact = certificateText(soap(EXAMPLES.get("A.4").get(0)));
        String request = soap(EXAMPLES.get("A.3").get(0));
        String response = soap(EXAMPLES.get("A.3").get(1));

        assertThat(fault(() -> ManagementMessage.parse(utf8(request), "text/xml"))).isEqualTo(ErrorCode.INVALID_XML);
        assertThat(fault(() -> ManagementResponse.parse(utf8(response), "text/xml"))).isEqualTo(ErrorCode.INVALID_XML);

        var repaired = ManagementMessage.parse(utf8(request.replace(certificateText(request), intact)), "text/xml");
        var repairedResponse = ManagementResponse.parse(utf8(response.replace(certificateText(response), intact)),
                "text/xml");

        assertThat(repaired.request()).isInstanceOfSatisfying(ManagementRequest.AuthCertReg.class, r -> {
            assertThat(r.server()).isEqualTo(TS1);
            assertThat(r.address()).contains("192.168.74.202");
            assertThat(r.dryRun()).isEmpty();
        });
        assertThat(repairedResponse.requestId()).isEqualTo(392);
        Vectors.report("PR-MSERV annex A.3 with A.4's certificate", 2);
    }

    @Test
    void theMimeFramingOfTheSignedExamplesIsReadInTheProtocolsPartOrder() throws IOException {
        int framed = 0;
        for (var e : EXAMPLES.entrySet()) {
            String block = e.getValue().get(0);
            if (!block.startsWith("--")) {
                continue;
            }
            String boundary = block.substring(2, block.indexOf('\n')).strip();
            List<MimeHeaders> headers = new ArrayList<>();
            try {
                MultipartReader reader = MultipartReader.of(new ByteArrayInputStream(utf8(block)), boundary);
                for (Optional<BodyPart> p = reader.next(); p.isPresent(); p = reader.next()) {
                    headers.add(p.get().headers());
                    p.get().body().readAllBytes();
                }
            } catch (XRoadException ex) {
                assertThat(e.getKey()).as("MIME parse failure of " + e.getKey() + ": " + ex.getMessage())
                        .isIn("A.1", "A.5", "A.6", "A.10", "A.11");
                continue;
            }
            framed++;
            boolean auth = e.getKey().equals("A.3");
            assertThat(headers).as(e.getKey()).hasSize(auth ? 6 : 4);
            assertThat(headers.get(0).first("Content-Type")).contains("text/xml; charset=UTF-8");
            assertThat(headers.get(1).first("signature-algorithm-id")).contains("SHA512withRSA");
            assertThat(headers.get(2).first("signature-algorithm-id")).isEqualTo(auth
                    ? Optional.of("SHA512withRSA") : Optional.empty());
            if (!auth) {
                // Sild's package reader follows the same order; it stops at the placeholder certificate bytes.
                String type = "multipart/related; boundary=" + boundary;
                assertThat(fault(() -> ManagementPackage.read(new ByteArrayInputStream(utf8(block)), type)))
                        .isEqualTo(ErrorCode.INCORRECT_CERTIFICATE);
            }
        }
        assertThat(framed).isEqualTo(4);
        Vectors.report("PR-MSERV annex A MIME-framed examples", framed);
    }

    private static ManagementRequest request(String example) {
        return message(example).request();
    }

    private static ManagementMessage message(String example) {
        return ManagementMessage.parse(utf8(soap(EXAMPLES.get(example).get(0))), "text/xml; charset=UTF-8");
    }

    private static ManagementResponse response(String example) {
        return ManagementResponse.parse(utf8(soap(EXAMPLES.get(example).get(1))), "text/xml; charset=UTF-8");
    }

    /** The envelope in a code block: from the XML declaration to the end of the Envelope. */
    private static String soap(String block) {
        int start = block.indexOf("<?xml");
        String end = "</SOAP-ENV:Envelope>";
        return block.substring(start, block.indexOf(end) + end.length());
    }

    private static String certificateText(String soap) {
        return soap.substring(soap.indexOf("<xroad:authCert>") + "<xroad:authCert>".length(),
                soap.indexOf("</xroad:authCert>"));
    }

    private static ErrorCode fault(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        XRoadException e = catchThrowableOfType(XRoadException.class, call);
        assertThat(e).as("expected a fault").isNotNull();
        for (ErrorCode code : ErrorCode.values()) {
            if (e.code().equals(FaultCode.of(code))) {
                return code;
            }
        }
        throw new AssertionError("unexpected fault " + e);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
