package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.rest.RestResponse;
import org.sild.testing.Vectors;

/** The REST header part as X-Road 7 signs it, read back byte for byte. */
class RestConformanceTest {

    @Test
    void restResponseHeaderPartFromARealEvidenceContainer() throws IOException {
        byte[] headerPart = entry("src/tool/asic-verifier-cli/src/test/resources/valid-non-batch-rest.asice",
                "message.xml");
        var response = RestResponse.parse(headerPart);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.reason()).isEqualTo("OK");
        assertThat(response.messageId()).isEqualTo("DEV-d75ea6fd-d24b-48ec-a320-53675c40fb86");
        assertThat(response.headerPart()).isEqualTo(headerPart);
        assertThat(response.headers().getFirst().name()).isEqualTo("Content-Type");
        assertThat(response.headers().getLast().name()).isEqualTo("x-road-request-hash");
        assertThat(response.requestHash()).hasSize(64);
        assertThat(new String(headerPart, StandardCharsets.UTF_8)).endsWith("==\r\n");
        assertThat(org.sild.core.id.XRoadIds.parseServicePath(
                org.sild.core.rest.RestHeaders.last(response.headers(), "X-Road-Service").orElseThrow()))
                .isEqualTo(new ServiceId(new SubsystemId("DEV", "COM", "1234", "TestService"), "mock1"));
        Vectors.report("REST header part", 1);
    }

    private static byte[] entry(String container, String name) throws IOException {
        try (InputStream in = Files.newInputStream(Vectors.file(container)); var zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new IllegalStateException(name + " not in " + container);
    }
}
