package org.sild.securityserver.serverproxy;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.sild.core.multipart.MultipartWriter;
import org.sild.core.pki.CertHashes;
import org.sild.core.transport.OcspDownloadResponse;
import org.sild.securityserver.signer.Signer;

/**
 * The OCSP download endpoint of the OCSP port (digest 03 §3): {@code GET /?cert=<sha1 hex>...}
 * answers the OCSP responses of this server's authentication certificate chain in request order, as
 * {@code multipart/related}; a certificate that is not ours is HTTP 500. {@code HEAD /} is the
 * heartbeat. The {@code cert_hash} parameters newer consumers add are accepted and, as X-Road does,
 * not needed.
 *
 * <p>Thread-safe.
 */
final class OcspResponder extends Handler.Abstract.NonBlocking {

    private static final int MAX_CERTIFICATES = 16;

    private final Signer signer;
    private final Random random;

    OcspResponder(Signer signer, Random random) {
        this.signer = signer;
        this.random = random;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if ("HEAD".equals(method)) {
            response.setStatus(200);
            callback.succeeded();
            return true;
        }
        if (!"GET".equals(method)) {
            return error(response, callback, 405, "Method not allowed: " + method);
        }
        Fields fields = Request.extractQueryParameters(request);
        List<String> wanted = fields.getValues("cert");
        if (wanted == null || wanted.isEmpty() || wanted.size() > MAX_CERTIFICATES) {
            return error(response, callback, 400, "Expected 1 to " + MAX_CERTIFICATES + " 'cert' parameters");
        }
        List<X509Certificate> chain = signer.authKey().chain();
        List<byte[]> responses = signer.authOcspResponses();
        var answer = new ArrayList<byte[]>(wanted.size());
        for (String hash : wanted) {
            int index = indexOf(chain, hash);
            if (index < 0 || index >= responses.size()) {
                return error(response, callback, 500, "Certificate " + hash + " not found");
            }
            answer.add(responses.get(index));
        }
        String boundary = MultipartWriter.newBoundary("ocsp", random);
        var body = new java.io.ByteArrayOutputStream();
        OcspDownloadResponse.write(body, boundary, answer);
        response.setStatus(200);
        response.getHeaders().put(org.sild.securityserver.proxy.Headers.contentType(
                OcspDownloadResponse.contentType(boundary).toString()));
        response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
        return true;
    }

    private static int indexOf(List<X509Certificate> chain, String sha1Hex) {
        for (int i = 0; i < chain.size(); i++) {
            if (CertHashes.sha1Hex(chain.get(i)).equalsIgnoreCase(sha1Hex.strip())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean error(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
        Content.Sink.write(response, true, message, callback);
        return true;
    }
}
