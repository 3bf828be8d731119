package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.e2e.TwoServers.API;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.SS1;
import static org.sild.e2e.TwoServers.SS2;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.soap.Attachment;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.json.Json;
import org.sild.securityserver.messagelog.LogEntry;

/**
 * A 200 MiB REST body (both ways) and a 200 MiB SOAP attachment (SwA and MTOM) pass through both security servers while the
 * JVM's heap — holding the whole network, both information systems and the generator — is capped at
 * 128 MiB: only streaming gets them through. The provider information system digests what it
 * receives as it streams and answers with the digest. Runs in sild-e2e's "heap-capped" surefire
 * execution ({@code -Xmx128m}).
 */
@Tag("heap-capped")
class LargeMessageTest {

    private static final long HEAP_CAP = 128L * 1024 * 1024;
    private static final long SIZE = 200L * 1024 * 1024;
    private static final ServiceId UPLOAD = new ServiceId(API, "upload");
    private static final ServiceId STORE_FILE = new ServiceId(API, "storeFile", "v1");
    private static final String BOUNDARY = "sild-e2e-large-boundary";

    private static TestNetwork net;
    /** The body the provider IS served last. */
    private static final AtomicReference<GeneratedBody> served = new AtomicReference<>();

    @BeforeAll
    static void start() {
        assertThat(Runtime.getRuntime().maxMemory()).as("run in the heap-capped execution (-Xmx128m)")
                .isLessThanOrEqualTo(HEAP_CAP);
        net = TwoServers.builder()
                .start();
        ProviderIs is = net.providerIs("digesting-is").stream(LargeMessageTest::digestAndAnswer);
        net.restService(UPLOAD, is.url("/upload"));
        net.soapService(STORE_FILE, is.url("/soap"));
        net.allow(APP, UPLOAD);
        net.allow(APP, STORE_FILE);
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void restBodyOf200MiBStreamsThroughBothServers() {
        String id = "large-rest-" + UUID.randomUUID();
        var body = new GeneratedBody(SIZE, 42);
        IsClient client = net.client(SS1);

        Answer answer = client.send(client.rest(APP, "POST", UPLOAD, "/big.bin")
                .headers(h -> h.put("X-Road-Id", id))
                .body(new InputStreamRequestContent("application/octet-stream", body, buffers()))
                .timeout(5, TimeUnit.MINUTES));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, Object> received = answer.json();
        assertThat(((Number) received.get("bytes")).longValue()).isEqualTo(SIZE);
        assertThat(received.get("sha512")).isEqualTo(HexFormat.of().formatHex(body.sha512()));
        for (SecurityServerId server : List.of(SS1, SS2)) {
            List<LogEntry> log = net.server(server).messageLog().findByQueryId(id);
            assertThat(log).extracting(e -> e.record().response()).containsExactly(false, true);
            assertThat(log.get(0).record().restBody()).as("a body over the logging limit is not stored").isEmpty();
        }
        System.out.printf("REST body of %d MiB passed with a heap of at most %d MiB%n", SIZE >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    @Test
    void restResponseOf200MiBStreamsBackThroughBothServers() {
        String id = "large-download-" + UUID.randomUUID();
        IsClient client = net.client(SS1);

        IsClient.Streamed<Digested> answer = client.stream(client.rest(APP, "GET", UPLOAD, "/big.bin")
                .headers(h -> h.put("X-Road-Id", id)).timeout(5, TimeUnit.MINUTES), LargeMessageTest::digest);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("X-Road-Id")).isEqualTo(id);
        assertThat(answer.body().bytes()).isEqualTo(SIZE);
        assertThat(answer.body().hex()).isEqualTo(HexFormat.of().formatHex(served.get().sha512()));
        for (SecurityServerId server : List.of(SS1, SS2)) {
            List<LogEntry> log = net.server(server).messageLog().findByQueryId(id);
            assertThat(log).extracting(e -> e.record().response()).containsExactly(false, true);
            assertThat(log.get(1).record().restBody()).as("a body over the logging limit is not stored").isEmpty();
        }
    }

    /** The two ways of carrying attachments in a SOAP package. */
    enum Packaging {
        /** SOAP with attachments: a text/xml root part that refers to nothing. */
        SWA("text/xml; charset=UTF-8", "multipart/related; type=\"text/xml\"", ""),
        /** MTOM/XOP: an application/xop+xml root part whose body includes the attachment by reference. */
        MTOM("application/xop+xml; charset=UTF-8; type=\"text/xml\"",
                "multipart/related; type=\"application/xop+xml\"; start-info=\"text/xml\"",
                "<f:data><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:big.bin\"/></f:data>");

        final String rootType;
        final String packageType;
        final String reference;

        Packaging(String rootType, String packageType, String reference) {
            this.rootType = rootType;
            this.packageType = packageType;
            this.reference = reference;
        }
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void soapAttachmentOf200MiBStreamsThroughBothServers(Packaging packaging) {
        String id = "large-soap-" + UUID.randomUUID();
        byte[] envelope = Soap.request(APP, STORE_FILE, id,
                "<f:storeFile xmlns:f=\"urn:e2e\"><f:name>big.bin</f:name>" + packaging.reference + "</f:storeFile>");
        var attachment = new GeneratedBody(SIZE, 7);
        String head = "--" + BOUNDARY + "\r\n"
                + "Content-Type: " + packaging.rootType + "\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "Content-ID: <rootpart>\r\n\r\n"
                + new String(envelope, StandardCharsets.UTF_8) + "\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <big.bin>\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        InputStream multipart = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), attachment,
                new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8)))));
        String contentType = packaging.packageType + "; start=\"<rootpart>\"; boundary=\"" + BOUNDARY + "\"";
        IsClient client = net.client(SS1);

        Answer answer = client.send(client.soap(envelope)
                .body(new InputStreamRequestContent(contentType, multipart, buffers()))
                .timeout(5, TimeUnit.MINUTES));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.soapMessage().header().id()).isEqualTo(id);
        assertThat(answer.text()).contains("<bytes>" + SIZE + "</bytes>")
                .contains("<sha512>" + HexFormat.of().formatHex(attachment.sha512()) + "</sha512>");
        for (SecurityServerId server : List.of(SS1, SS2)) {
            assertThat(net.server(server).messageLog().findByQueryId(id)).extracting(e -> e.record().response())
                    .containsExactly(false, true);
        }
        System.out.printf("SOAP attachment (%s) of %d MiB passed with a heap of at most %d MiB%n", packaging, SIZE >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** 64 KiB buffers for streaming request bodies. */
    private static ByteBufferPool.Sized buffers() {
        return new ByteBufferPool.Sized(new ArrayByteBufferPool(), false, 64 * 1024);
    }

    /** The provider IS: digests the REST body or the SOAP package's attachments as they stream in. */
    private static void digestAndAnswer(Request request, Response response, Callback callback) throws Exception {
        if (request.getMethod().equals("GET")) {
            var body = new GeneratedBody(SIZE, 99);
            served.set(body);
            response.setStatus(200);
            response.getHeaders().put("Content-Type", "application/octet-stream");
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                body.transferTo(out);
            }
            callback.succeeded();
            return;
        }
        String contentType = request.getHeaders().get("Content-Type");
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (contentType != null && contentType.startsWith("multipart/related")) {
                SoapPackage pkg = new SoapParser(SoapLimits.withMaxSoapBytes(1024 * 1024)).readRequest(in, contentType);
                var result = new StringBuilder();
                Attachment a;
                while ((a = pkg.nextAttachment().orElse(null)) != null) {
                    Digested d = digest(a.body());
                    result.append("<bytes>").append(d.bytes()).append("</bytes><sha512>").append(d.hex())
                            .append("</sha512>");
                }
                byte[] answer = Soap.response(pkg.soap().bytes(), "<f:storeFileResponse xmlns:f=\"urn:e2e\">" + result
                        + "</f:storeFileResponse>");
                reply(response, callback, "text/xml; charset=UTF-8", answer);
            } else {
                Digested d = digest(in);
                reply(response, callback, "application/json", Json.write(Map.of("bytes", d.bytes(), "sha512", d.hex())));
            }
        }
    }

    private record Digested(long bytes, String hex) {
    }

    private static Digested digest(InputStream in) throws java.io.IOException {
        MessageDigest md = DigestAlgorithm.SHA512.newDigest();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            md.update(buffer, 0, n);
            total += n;
        }
        return new Digested(total, HexFormat.of().formatHex(md.digest()));
    }

    private static void reply(Response response, Callback callback, String contentType, byte[] body) {
        response.setStatus(200);
        response.getHeaders().put("Content-Type", contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
