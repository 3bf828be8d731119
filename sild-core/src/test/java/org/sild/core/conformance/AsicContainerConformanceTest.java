package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.sild.core.asic.AsicContainer;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.testing.Vectors;

/**
 * X-Road's container loading vectors ({@code AsicContainerTest}) and the layout of the verifier's test
 * containers: every one loads, and a container rebuilt from its parts has the same entries, in the
 * same order, with the same bytes (manifests included).
 */
class AsicContainerConformanceTest {

    static final String LOADING = "src/lib/asic-core/src/test/resources/";
    static final String VERIFIER = "src/tool/asic-verifier-cli/src/test/resources/";
    private static final AtomicInteger EXERCISED = new AtomicInteger();

    @AfterAll
    static void report() {
        Vectors.report("ASiC container loading and layout", EXERCISED.get());
    }

    @Test
    void loadingVectors() {
        for (String ok : List.of("valid-signed-message.asice", "valid-signed-message-with-attachments.asice")) {
            assertThat(AsicContainer.read(Vectors.bytes(LOADING + ok)).message()).isNotEmpty();
            EXERCISED.incrementAndGet();
        }
        assertLoad("no-mimetype.asice", ErrorCode.ASIC_MIME_TYPE_NOT_FOUND);
        assertLoad("not-asic.asice", ErrorCode.ASIC_MIME_TYPE_NOT_FOUND);
        assertLoad("no-message.asice", ErrorCode.ASIC_MESSAGE_NOT_FOUND);
        assertLoad("no-signature.asice", ErrorCode.ASIC_SIGNATURE_NOT_FOUND);
    }

    private static void assertLoad(String file, ErrorCode code) {
        assertThatThrownBy(() -> AsicContainer.read(Vectors.bytes(LOADING + file)))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)));
        EXERCISED.incrementAndGet();
    }

    @Test
    void verifierContainersLoadAndRebuildWithTheSameEntries() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Vectors.file(VERIFIER))) {
            files = s.filter(p -> p.toString().endsWith(".asice")).sorted().toList();
        }
        assertThat(files).hasSize(13);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            if (name.equals("attachments.asice")) {
                // Its message entry is named '{hash}-message.xml': X-Road does not load it either.
                assertThatThrownBy(() -> AsicContainer.read(bytes)).isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.ASIC_MESSAGE_NOT_FOUND)));
                EXERCISED.incrementAndGet();
                continue;
            }
            if (name.equals("invalid-incorrect-references.asice")) {
                // A timestamp.tst without a time-stamp hash chain: no AsicContainer (the verifier reads it).
                assertThatThrownBy(() -> AsicContainer.read(bytes)).isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.ASIC_HASH_CHAIN_RESULT_NOT_FOUND)));
                EXERCISED.incrementAndGet();
                continue;
            }
            AsicContainer c = AsicContainer.read(bytes);
            Map<String, byte[]> original = entries(bytes);
            Map<String, byte[]> rebuilt = entries(c.toBytes());
            // Written by X-Road's AsicContainer (the others were zipped by hand): same order and bytes.
            if (isXRoadWritten(file)) {
                assertThat(rebuilt.keySet()).as(file.toString()).containsExactlyElementsOf(original.keySet());
            }
            for (var e : rebuilt.entrySet()) {
                if (e.getKey().equals("META-INF/manifest.xml") && !isXRoadWritten(file)) {
                    continue; // hand-made manifests list the files in another order
                }
                if (e.getKey().equals("META-INF/ASiCManifest.xml") && name.equals("invalid-ts-hashchainresult.asice")) {
                    continue; // the result was tampered with after the manifest was made
                }
                assertThat(original).as(file + " " + e.getKey()).containsKey(e.getKey());
                assertThat(new String(e.getValue())).as(file + " " + e.getKey())
                        .isEqualTo(new String(original.get(e.getKey())));
            }
            EXERCISED.incrementAndGet();
        }
    }

    private static boolean isXRoadWritten(Path file) {
        String n = file.getFileName().toString();
        return n.equals("valid-non-batch-rest.asice") || n.equals("valid-batch-ts.asice");
    }

    static Map<String, byte[]> entries(byte[] zip) {
        var map = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (!e.isDirectory()) {
                    map.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }

}
