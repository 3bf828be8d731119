package org.sild.core.multipart;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of megabytes through the reader and the writer, generated and checked on the fly.
 * Memory-boundedness is shown by counting: the reader never reads more than its buffer ahead of
 * what it has handed out, and the writer passes every byte on before it returns.
 */
class MultipartStreamingTest {

    private static final long SIZE = 300L * 1024 * 1024;
    private static final String BOUNDARY = "xtopLmK2v9QwErTyUiOpAsDfGhJkLzXcVb";

    @Test
    void readerStreamsAHugeBodyWithBoundedReadAhead() throws IOException {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nafter\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(US_ASCII);
        var body = new GeneratedBytes(42, SIZE);
        var counting = new CountingInput(new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head), body, new ByteArrayInputStream(tail)))));

        var reader = MultipartReader.of(counting, BOUNDARY);
        var part = reader.next().orElseThrow();
        var crc = new CRC32C();
        var buf = new byte[8192];
        long delivered = 0;
        long maxAhead = 0;
        int n;
        while ((n = part.body().read(buf)) >= 0) {
            crc.update(buf, 0, n);
            delivered += n;
            maxAhead = Math.max(maxAhead, counting.count - head.length - delivered);
        }
        assertThat(delivered).isEqualTo(SIZE);
        assertThat(crc.getValue()).isEqualTo(body.checksum());
        assertThat(maxAhead).isLessThanOrEqualTo(DelimitedInput.BUFFER_SIZE);

        var second = reader.next().orElseThrow();
        assertThat(new String(second.body().readAllBytes(), US_ASCII)).isEqualTo("after");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void skippingAHugePartReadsItOnceWithoutHoldingIt() throws IOException {
        byte[] head = ("--" + BOUNDARY + "\r\n\r\n").getBytes(US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "\r\n\r\nnext\r\n--" + BOUNDARY + "--").getBytes(US_ASCII);
        var body = new GeneratedBytes(7, SIZE);
        var in = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head), body, new ByteArrayInputStream(tail))));
        var reader = MultipartReader.of(in, BOUNDARY);
        reader.next().orElseThrow();
        var next = reader.next().orElseThrow();
        assertThat(body.served()).isEqualTo(SIZE);
        assertThat(new String(next.body().readAllBytes(), US_ASCII)).isEqualTo("next");
    }

    @Test
    void writerPassesEveryByteOnAsItIsWritten() throws IOException {
        var sink = new CountingOutput();
        var writer = new MultipartWriter(sink, BOUNDARY);
        OutputStream part = writer.startPart(MimeHeaders.of("Content-Type", "application/octet-stream"));
        long before = sink.count;
        sink.startChecksum();
        var source = new GeneratedBytes(99, SIZE);
        var buf = new byte[16384];
        long written = 0;
        int n;
        while ((n = source.read(buf, 0, buf.length)) >= 0) {
            part.write(buf, 0, n);
            written += n;
            assertThat(sink.count - before).isEqualTo(written);
        }
        assertThat(sink.checksum()).isEqualTo(source.checksum());
        writer.finish();
    }

    @Test
    void writerToReaderThroughAPipe() throws Exception {
        long size = 256L * 1024 * 1024;
        var pipeIn = new PipedInputStream(256 * 1024);
        var pipeOut = new PipedOutputStream(pipeIn);
        var failure = new AtomicReference<Throwable>();
        var expected = new AtomicReference<Long>();
        Thread producer = Thread.ofVirtual().start(() -> {
            try (pipeOut) {
                var writer = new MultipartWriter(pipeOut, BOUNDARY);
                var source = new GeneratedBytes(2024, size);
                writer.part(MimeHeaders.of("Content-Type", "application/octet-stream"), source);
                expected.set(source.checksum());
                writer.part(MimeHeaders.of("Content-Type", "text/plain"), "end".getBytes(US_ASCII));
                writer.finish();
            } catch (Throwable t) {
                failure.set(t);
            }
        });

        var reader = MultipartReader.of(pipeIn, BOUNDARY);
        var big = reader.next().orElseThrow();
        var crc = new CRC32C();
        var buf = new byte[32768];
        long total = 0;
        int n;
        while ((n = big.body().read(buf)) >= 0) {
            crc.update(buf, 0, n);
            total += n;
        }
        var end = reader.next().orElseThrow();
        assertThat(new String(end.body().readAllBytes(), US_ASCII)).isEqualTo("end");
        assertThat(reader.next()).isEmpty();
        producer.join();
        assertThat(failure.get()).isNull();
        assertThat(total).isEqualTo(size);
        assertThat(crc.getValue()).isEqualTo(expected.get());
    }

    /** Counts the bytes taken from the wrapped stream. */
    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private long count;

        CountingInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Counts what it receives and, once asked to, checksums it; stores nothing. */
    private static final class CountingOutput extends OutputStream {
        private long count;
        private final CRC32C crc = new CRC32C();
        private boolean checksumming;

        void startChecksum() {
            checksumming = true;
        }

        long checksum() {
            return crc.getValue();
        }

        @Override
        public void write(int b) {
            if (checksumming) {
                crc.update(b);
            }
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (checksumming) {
                crc.update(b, off, len);
            }
            count += len;
        }
    }
}
