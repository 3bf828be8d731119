package org.sild.core.asic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.signature.SignatureData;

/**
 * The ASiC-E evidence container of one message log record: the message as signed, its signature (with
 * the signature hash chain when batch-signed), the time-stamp and the logged attachments.
 *
 * <p>A single time-stamp lives inside the signature XML ({@code xades:EncapsulatedTimeStamp}); a batch
 * time-stamp is {@link #batchTimeStamp()}. {@link #write} produces X-Road's layout (digest 05 §3):
 * entries {@code mimetype}, {@code message.xml}, {@code META-INF/signatures.xml}, signature hash chain,
 * time-stamp hash chain, {@code META-INF/manifest.xml}, {@code META-INF/ASiCManifest.xml},
 * {@code META-INF/timestamp.tst}, {@code attachment1..N}, all deflated, each stamped with {@link #time()},
 * and the ZIP comment {@code mimetype=application/vnd.etsi.asic-e+zip}. The manifests are generated.
 *
 * <p>{@link #read} accepts what X-Road accepts (names in any case, any {@code META-INF/*signatures*.xml},
 * a deflated {@code mimetype}) within {@link AsicLimits}; the components of a read container are the
 * entries' bytes exactly as stored. Immutable and thread-safe.
 */
public record AsicContainer(byte[] message, SignatureData signature, Optional<BatchTimeStamp> batchTimeStamp,
        List<byte[]> attachments, Instant time) {

    /** The container's MIME type, also the content of its {@code mimetype} entry. */
    public static final String MIME_TYPE = AsicEntries.MIMETYPE;

    /** The container file name extension, {@code .asice}. */
    public static final String EXTENSION = ".asice";

    public AsicContainer {
        message = Objects.requireNonNull(message, "message").clone();
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(batchTimeStamp, "batchTimeStamp");
        Objects.requireNonNull(time, "time");
        var copies = new ArrayList<byte[]>(attachments.size());
        attachments.forEach(a -> copies.add(Objects.requireNonNull(a, "attachment").clone()));
        attachments = List.copyOf(copies);
        if (AsicEntries.blank(Optional.of(message))) {
            throw new XRoadException(ErrorCode.ASIC_MESSAGE_NOT_FOUND, AsicEntries.MESSAGE + " not found or is empty");
        }
        if (AsicEntries.blank(Optional.of(signature.signatureXml()))) {
            throw new XRoadException(ErrorCode.ASIC_SIGNATURE_NOT_FOUND,
                    AsicEntries.SIGNATURE + " not found or is empty");
        }
    }

    /** The message bytes: the SOAP envelope, or the REST header part. */
    @Override
    public byte[] message() {
        return message.clone();
    }

    /** The attachments ({@code attachment1} first); copies. */
    @Override
    public List<byte[]> attachments() {
        var copies = new ArrayList<byte[]>(attachments.size());
        attachments.forEach(a -> copies.add(a.clone()));
        return copies;
    }

    /** Reads a container within {@link AsicLimits#DEFAULT}. */
    public static AsicContainer read(InputStream in) {
        return read(in, AsicLimits.DEFAULT);
    }

    /**
     * Reads a container and checks its structure as X-Road does: {@code AsicMimeTypeNotFound},
     * {@code AsicInvalidMimeType}, {@code AsicMessageNotFound}, {@code AsicSignatureNotFound},
     * {@code AsicHashChainResultNotFound}/{@code AsicHashChainNotFound} (hash chain files come in pairs),
     * {@code AsicTimestampNotFound}, {@code AsicManifestNotFound}; {@code AsicInvalidContainer} for a
     * broken or oversized ZIP or duplicate entries. A {@code META-INF/timestamp.tst} without the time-stamp
     * hash chain, or the reverse, is refused too ({@code AsicHashChainResultNotFound},
     * {@code AsicTimestampNotFound}). Does not close {@code in}.
     */
    public static AsicContainer read(InputStream in, AsicLimits limits) {
        return from(AsicEntries.read(in, limits));
    }

    /** Reads a container from its bytes. */
    public static AsicContainer read(byte[] container) {
        return read(new ByteArrayInputStream(container));
    }

    static AsicContainer from(AsicEntries e) {
        Optional<byte[]> sigResult =
                e.get(AsicEntries.SIG_HASH_CHAIN_RESULT).filter(b -> !AsicEntries.blank(Optional.of(b)));
        SignatureData signature = sigResult.isPresent()
                ? SignatureData.batch(e.get(AsicEntries.SIGNATURE).orElseThrow(), sigResult.get(),
                        e.get(AsicEntries.SIG_HASH_CHAIN).orElseThrow())
                : SignatureData.of(e.get(AsicEntries.SIGNATURE).orElseThrow());
        // A batch time-stamp is the token plus its chain; one without the other is no container this
        // record can hold (the verifier still reads such files, as X-Road does).
        if (e.get(AsicEntries.TIMESTAMP).isEmpty() && !AsicEntries.blank(e.get(AsicEntries.TS_HASH_CHAIN_RESULT))) {
            throw AsicEntries.notFound(ErrorCode.ASIC_TIMESTAMP_NOT_FOUND, AsicEntries.TIMESTAMP);
        }
        if (e.get(AsicEntries.TIMESTAMP).isPresent() && AsicEntries.blank(e.get(AsicEntries.TS_HASH_CHAIN_RESULT))) {
            throw AsicEntries.notFound(ErrorCode.ASIC_HASH_CHAIN_RESULT_NOT_FOUND, AsicEntries.TS_HASH_CHAIN_RESULT);
        }
        Optional<BatchTimeStamp> ts = e.get(AsicEntries.TIMESTAMP).map(token -> new BatchTimeStamp(token,
                e.get(AsicEntries.TS_HASH_CHAIN_RESULT).orElseThrow(),
                e.get(AsicEntries.TS_HASH_CHAIN).orElseThrow()));
        return new AsicContainer(e.get(AsicEntries.MESSAGE).orElseThrow(), signature, ts, e.attachments(), e.time());
    }

    /** The container as ZIP bytes. */
    public byte[] toBytes() {
        var out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    /** Writes the container as a ZIP to {@code out}, which stays open (it may be an entry of an archive). */
    public void write(OutputStream out) {
        try (var zip = new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        })) {
            zip.setComment("mimetype=" + MIME_TYPE);
            var xmlFiles = new ArrayList<String>();
            put(zip, AsicEntries.MIMETYPE_ENTRY, MIME_TYPE.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            put(zip, AsicEntries.MESSAGE, message);
            xmlFiles.add(AsicEntries.MESSAGE);
            put(zip, AsicEntries.SIGNATURE, signature.signatureXml());
            if (signature.hasHashChain()) {
                put(zip, AsicEntries.SIG_HASH_CHAIN_RESULT, signature.hashChainResult().orElseThrow());
                put(zip, AsicEntries.SIG_HASH_CHAIN, signature.hashChain().orElseThrow());
                xmlFiles.add(AsicEntries.SIG_HASH_CHAIN_RESULT);
                xmlFiles.add(AsicEntries.SIG_HASH_CHAIN);
            }
            if (batchTimeStamp.isPresent()) {
                put(zip, AsicEntries.TS_HASH_CHAIN_RESULT, batchTimeStamp.get().hashChainResult());
                put(zip, AsicEntries.TS_HASH_CHAIN, batchTimeStamp.get().hashChain());
                xmlFiles.add(AsicEntries.TS_HASH_CHAIN_RESULT);
                xmlFiles.add(AsicEntries.TS_HASH_CHAIN);
            }
            put(zip, AsicEntries.MANIFEST, Manifests.openDocument(xmlFiles, attachments.size()));
            if (batchTimeStamp.isPresent()) {
                put(zip, AsicEntries.ASIC_MANIFEST, Manifests.asic(batchTimeStamp.get().hashChainResult()));
                put(zip, AsicEntries.TIMESTAMP, batchTimeStamp.get().token());
            }
            for (int i = 0; i < attachments.size(); i++) {
                put(zip, AsicEntries.ATTACHMENT + (i + 1), attachments.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ASiC container", e);
        }
    }

    private void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        var entry = new ZipEntry(name);
        entry.setLastModifiedTime(FileTime.from(time));
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AsicContainer c) || attachments.size() != c.attachments.size()) {
            return false;
        }
        for (int i = 0; i < attachments.size(); i++) {
            if (!Arrays.equals(attachments.get(i), c.attachments.get(i))) {
                return false;
            }
        }
        return Arrays.equals(message, c.message) && signature.equals(c.signature)
                && batchTimeStamp.equals(c.batchTimeStamp) && time.equals(c.time);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(message);
    }

    @Override
    public String toString() {
        return "AsicContainer[message " + message.length + " bytes, " + signature
                + batchTimeStamp.map(t -> ", batch time-stamp").orElse(", single time-stamp")
                + ", " + attachments.size() + " attachments, " + time + "]";
    }
}
