package org.sild.core.asic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.core.asic.Zips.utf8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.signature.SignatureData;

class AsicContainerTest {

    private static final Instant TIME = Instant.parse("2024-07-11T12:50:37Z");
    private static final byte[] MESSAGE = utf8("<env>message</env>");
    private static final byte[] SIGNATURE = utf8("<asic:XAdESSignatures>sig</asic:XAdESSignatures>");
    private static final BatchTimeStamp BATCH = new BatchTimeStamp(new byte[] {0x30, 0x03, 1, 2, 3},
            utf8("<HashChainResult>r</HashChainResult>"), utf8("<HashChain>c</HashChain>"));

    @TempDir
    Path dir;

    private static AsicContainer batchWithAttachments() {
        return new AsicContainer(MESSAGE, SignatureData.batch(SIGNATURE, utf8("<sigResult/>"), utf8("<sigChain/>")),
                Optional.of(BATCH), List.of(utf8("body one"), new byte[] {0, 1, 2}), TIME);
    }

    @Test
    void writesEntriesInXRoadOrderAllDeflatedWithCommentAndTime() throws IOException {
        byte[] bytes = batchWithAttachments().toBytes();
        Path file = dir.resolve("c.asice");
        Files.write(file, bytes);
        try (var zip = new ZipFile(file.toFile())) {
            assertThat(zip.getComment()).isEqualTo("mimetype=application/vnd.etsi.asic-e+zip");
            var names = new ArrayList<String>();
            zip.stream().forEach(e -> {
                names.add(e.getName());
                assertThat(e.getMethod()).as(e.getName()).isEqualTo(ZipEntry.DEFLATED);
                assertThat(e.getLastModifiedTime().toInstant()).isEqualTo(TIME);
            });
            assertThat(names).containsExactly("mimetype", "message.xml", "META-INF/signatures.xml",
                    "sig-hashchainresult.xml", "sig-hashchain.xml", "ts-hashchainresult.xml", "ts-hashchain.xml",
                    "META-INF/manifest.xml", "META-INF/ASiCManifest.xml", "META-INF/timestamp.tst",
                    "attachment1", "attachment2");
        }
        var entries = Zips.unzip(bytes);
        assertThat(new String(entries.get("mimetype"))).isEqualTo("application/vnd.etsi.asic-e+zip");
        assertThat(new String(entries.get("META-INF/manifest.xml"))).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
                manifest:version="1.2">
                    <manifest:file-entry manifest:media-type="application/vnd.etsi.asic-e+zip" manifest:full-path="/"/>
                    <manifest:file-entry manifest:media-type="text/xml" manifest:full-path="message.xml"/>
                    <manifest:file-entry manifest:media-type="text/xml" manifest:full-path="sig-hashchainresult.xml"/>
                    <manifest:file-entry manifest:media-type="text/xml" manifest:full-path="sig-hashchain.xml"/>
                    <manifest:file-entry manifest:media-type="text/xml" manifest:full-path="ts-hashchainresult.xml"/>
                    <manifest:file-entry manifest:media-type="text/xml" manifest:full-path="ts-hashchain.xml"/>
                    <manifest:file-entry manifest:media-type="application/octet-stream" manifest:full-path="attachment1"/>
                    <manifest:file-entry manifest:media-type="application/octet-stream" manifest:full-path="attachment2"/>
                </manifest:manifest>
                """);
        assertThat(new String(entries.get("META-INF/ASiCManifest.xml")))
                .contains("<ds:DigestValue>" + DigestAlgorithm.SHA512.base64Digest(BATCH.hashChainResult())
                        + "</ds:DigestValue>")
                .endsWith("</asic:ASiCManifest>");
    }

    @Test
    void singleTimeStampContainerHasNoBatchEntries() {
        var c = new AsicContainer(MESSAGE, SignatureData.of(SIGNATURE), Optional.empty(), List.of(), TIME);
        assertThat(Zips.unzip(c.toBytes()).keySet()).containsExactly("mimetype", "message.xml",
                "META-INF/signatures.xml", "META-INF/manifest.xml");
    }

    @Test
    void readsBackWhatItWrites() {
        var original = batchWithAttachments();
        var read = AsicContainer.read(new ByteArrayInputStream(original.toBytes()));
        assertThat(read).isEqualTo(original);
        assertThat(read.toBytes()).isEqualTo(original.toBytes());
        var single = new AsicContainer(MESSAGE, SignatureData.of(SIGNATURE), Optional.empty(), List.of(), TIME);
        assertThat(AsicContainer.read(single.toBytes())).isEqualTo(single);
    }

    @Test
    void writeLeavesTheStreamOpen() throws IOException {
        var out = new java.io.ByteArrayOutputStream() {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        };
        batchWithAttachments().write(out);
        assertThat(out.closed).isFalse();
        out.write(1);
    }

    @Test
    void readsNamesIgnoringCaseAndAnySignaturesFileAndStoredMimetype() {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("MIMETYPE", utf8(AsicContainer.MIME_TYPE.toUpperCase()));
        entries.put("Message.XML", MESSAGE);
        entries.put("meta-inf/my-signatures-1.xml", SIGNATURE);
        entries.put("somethingelse.txt", utf8("ignored"));
        var c = AsicContainer.read(Zips.zip(entries));
        assertThat(c.message()).isEqualTo(MESSAGE);
        assertThat(c.signature().signatureXml()).isEqualTo(SIGNATURE);
        assertThat(c.batchTimeStamp()).isEmpty();
    }

    @Test
    void structureErrorsHaveXRoadCodes() {
        assertRead(without("mimetype"), ErrorCode.ASIC_MIME_TYPE_NOT_FOUND, "mimetype");
        assertRead(with("mimetype", utf8("text/plain")), ErrorCode.ASIC_INVALID_MIME_TYPE, "text/plain");
        assertRead(without("message.xml"), ErrorCode.ASIC_MESSAGE_NOT_FOUND, "message.xml");
        assertRead(with("message.xml", utf8(" \n")), ErrorCode.ASIC_MESSAGE_NOT_FOUND, "message.xml");
        assertRead(without("META-INF/signatures.xml"), ErrorCode.ASIC_SIGNATURE_NOT_FOUND, "signatures.xml");
        assertRead(without("sig-hashchainresult.xml"), ErrorCode.ASIC_HASH_CHAIN_RESULT_NOT_FOUND,
                "sig-hashchainresult.xml");
        assertRead(without("sig-hashchain.xml"), ErrorCode.ASIC_HASH_CHAIN_NOT_FOUND, "sig-hashchain.xml");
        assertRead(without("ts-hashchain.xml"), ErrorCode.ASIC_HASH_CHAIN_NOT_FOUND, "ts-hashchain.xml");
        assertRead(with("META-INF/timestamp.tst", new byte[0]), ErrorCode.ASIC_TIMESTAMP_NOT_FOUND, "timestamp.tst");
        assertRead(without("META-INF/timestamp.tst"), ErrorCode.ASIC_TIMESTAMP_NOT_FOUND, "timestamp.tst");
        assertRead(with("META-INF/manifest.xml", new byte[0]), ErrorCode.ASIC_MANIFEST_NOT_FOUND, "manifest.xml");
        assertRead(without("attachment1"), ErrorCode.ASIC_INVALID_CONTAINER, "attachment");
        assertRead(with("Message.xml", MESSAGE), ErrorCode.ASIC_INVALID_CONTAINER, "more than one entry");
        assertRead(utf8("not a zip at all"), ErrorCode.ASIC_MIME_TYPE_NOT_FOUND, "mimetype");
    }

    @Test
    void boundsEntriesAndSizes() {
        byte[] good = batchWithAttachments().toBytes();
        assertThatThrownBy(() -> AsicContainer.read(new ByteArrayInputStream(good), new AsicLimits(5, 1 << 20, 1 << 20)))
                .satisfies(e -> assertCode(e, ErrorCode.ASIC_INVALID_CONTAINER)).hasMessageContaining("more than 5");
        // A bomb: a highly compressible entry far beyond the bound.
        var bomb = new LinkedHashMap<>(Zips.unzip(good));
        bomb.put("attachment3", new byte[50 << 20]);
        byte[] bombZip = Zips.zip(bomb);
        assertThat(bombZip.length).isLessThan(1 << 20);
        assertThatThrownBy(() -> AsicContainer.read(new ByteArrayInputStream(bombZip),
                new AsicLimits(64, 1 << 20, 4 << 20)))
                .satisfies(e -> assertCode(e, ErrorCode.ASIC_INVALID_CONTAINER))
                .hasMessageContaining("attachment3").hasMessageContaining("size limit");
        assertThatThrownBy(() -> AsicContainer.read(new ByteArrayInputStream(good), new AsicLimits(64, 1 << 20, 100)))
                .satisfies(e -> assertCode(e, ErrorCode.ASIC_INVALID_CONTAINER));
    }

    @Test
    void refusesEmptyMessageOrSignatureWhenBuilt() {
        assertThatThrownBy(() -> new AsicContainer(new byte[0], SignatureData.of(SIGNATURE), Optional.empty(),
                List.of(), TIME)).satisfies(e -> assertCode(e, ErrorCode.ASIC_MESSAGE_NOT_FOUND));
        assertThatThrownBy(() -> new AsicContainer(MESSAGE, SignatureData.of(utf8(" ")), Optional.empty(),
                List.of(), TIME)).satisfies(e -> assertCode(e, ErrorCode.ASIC_SIGNATURE_NOT_FOUND));
    }

    private static byte[] without(String name) {
        var entries = Zips.unzip(batchWithAttachments().toBytes());
        entries.remove(name);
        return Zips.zip(entries);
    }

    private static byte[] with(String name, byte[] data) {
        var entries = Zips.unzip(batchWithAttachments().toBytes());
        entries.put(name, data);
        return Zips.zip(entries);
    }

    private static void assertRead(byte[] zip, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> AsicContainer.read(zip))
                .satisfies(e -> assertCode(e, code)).hasMessageContaining(messagePart);
    }

    static void assertCode(Throwable e, ErrorCode code) {
        assertThat(e).isInstanceOf(XRoadException.class);
        assertThat(((XRoadException) e).code()).isEqualTo(FaultCode.of(code));
    }

}
