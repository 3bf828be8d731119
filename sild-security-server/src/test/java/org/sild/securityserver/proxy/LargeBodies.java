package org.sild.securityserver.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.OutputStreamRequestContent;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapPackageWriter;
import org.sild.core.soap.SoapParser;

/**
 * Runs in a JVM with a 128 MiB heap ({@link LargeBodyTest}): a 200 MiB REST request body, a 200 MiB
 * REST response body and a 200 MiB SOAP attachment pass through both security servers. Bodies are
 * generated and digested as they stream; exits 0 and prints {@code OK} when every digest matched.
 */
public final class LargeBodies {

    static final long SIZE = 200L * 1024 * 1024;

    private LargeBodies() {
    }

    public static void main(String[] args) throws Exception {
        try (ProxyHarness harness = ProxyHarness.builder()
                .consumerSettings(s -> s.responseTimeout(java.time.Duration.ofMinutes(5)))
                .build()) {
            rest(harness);
            soapAttachment(harness);
        }
        System.out.println("OK max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    }

    private static void rest(ProxyHarness harness) throws Exception {
        var receivedDigest = new String[1];
        harness.providerIs(new Handler.Abstract(Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback)
                    throws Exception {
                receivedDigest[0] = digest(Content.Source.asInputStream(request));
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/octet-stream");
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    new Generated(SIZE, 2).transferTo(out);
                }
                callback.succeeded();
                return true;
            }
        });
        var listener = new InputStreamResponseListener();
        var upload = new OutputStreamRequestContent("application/octet-stream");
        harness.client().newRequest(harness.clientUri("/r1/EE/BUSINESS/producer/subsys2/persons/upload"))
                .method("POST").headers(h -> h.put("X-Road-Client", "EE/BUSINESS/consumer/subsys1"))
                .body(upload).timeout(10, TimeUnit.MINUTES).send(listener);
        try (OutputStream out = upload.getOutputStream()) {
            new Generated(SIZE, 1).transferTo(out);
        }
        Response response = listener.get(10, TimeUnit.MINUTES);
        String answerDigest = digest(listener.getInputStream());
        check(response.getStatus() == 200, "REST status " + response.getStatus());
        check(digest(new Generated(SIZE, 1)).equals(receivedDigest[0]), "REST request body changed on the way");
        check(digest(new Generated(SIZE, 2)).equals(answerDigest), "REST response body changed on the way");
        System.out.println("REST 200 MiB up and down: digests match");
    }

    private static void soapAttachment(ProxyHarness harness) throws Exception {
        var parser = new SoapParser(SoapLimits.withMaxSoapBytes(1 << 20));
        var receivedDigest = new String[1];
        harness.providerIs(new Handler.Abstract(Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback)
                    throws Exception {
                SoapPackage pkg = parser.readRequest(Content.Source.asInputStream(request),
                        request.getHeaders().get("Content-Type"));
                receivedDigest[0] = digest(pkg.nextAttachment().orElseThrow().body());
                pkg.finish();
                SoapMessage soap = pkg.message().orElseThrow();
                byte[] answer = Soap.response(soap.header().client(), soap.header().service(), soap.header().id());
                response.setStatus(200);
                response.getHeaders().put("Content-Type", Soap.TEXT_XML);
                response.write(true, java.nio.ByteBuffer.wrap(answer), callback);
                return true;
            }
        });
        var content = new OutputStreamRequestContent(SoapPackageWriter.contentType("big", false));
        var listener = new InputStreamResponseListener();
        harness.client().newRequest(harness.clientUri("/")).method("POST").body(content)
                .timeout(10, TimeUnit.MINUTES).send(listener);
        try (OutputStream out = content.getOutputStream()) {
            var writer = new SoapPackageWriter(out, "big");
            writer.soap(parser.parse(new ByteArrayInputStream(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE,
                    "big")), Soap.TEXT_XML), MimeHeaders.of("Content-Type", Soap.TEXT_XML));
            writer.attachment(MimeHeaders.of("Content-Type", "application/octet-stream"), new Generated(SIZE, 3));
            writer.finish();
        }
        Response response = listener.get(10, TimeUnit.MINUTES);
        byte[] body = listener.getInputStream().readAllBytes();
        check(response.getStatus() == 200 && !new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("faultcode"),
                "SOAP answer: " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
        check(digest(new Generated(SIZE, 3)).equals(receivedDigest[0]), "attachment changed on the way");
        System.out.println("SOAP 200 MiB attachment: digest matches");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    static String digest(InputStream in) throws IOException {
        MessageDigest md = DigestAlgorithm.SHA256.newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** {@code size} pseudo-random bytes from {@code seed}, generated as they are read. */
    static final class Generated extends InputStream {
        private final java.util.Random random;
        private long left;

        Generated(long size, long seed) {
            this.left = size;
            this.random = new java.util.Random(seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            left -= n;
            return n;
        }
    }
}
