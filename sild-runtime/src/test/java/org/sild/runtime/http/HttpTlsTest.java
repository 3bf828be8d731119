package org.sild.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.client.ContentResponse;

import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.server.Handler;
import org.junit.jupiter.api.Test;
import org.sild.runtime.tls.ClientAuth;
import org.sild.runtime.tls.ClientTls;
import org.sild.runtime.tls.PeerTrust;
import org.sild.runtime.tls.ServerTls;
import org.sild.runtime.tls.TlsContexts;
import org.sild.runtime.tls.TlsProfile;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestPki;

/** {@link HttpServer} and {@link HttpClients} over real TLS with certificates from the test PKI. */
class HttpTlsTest {

    private static final TestPki PKI = TestPki.create();
    private static final IssuedCert PROVIDER = PKI.authCert("SS-PROVIDER");
    private static final IssuedCert CONSUMER = PKI.authCert("SS-CONSUMER");

    /** Answers "subject|protocol|suite" of the client's TLS session. */
    private static final Handler WHO_ARE_YOU = HttpServerTest.text((request, out) -> {
        String answer = TlsSession.of(request)
                .map(s -> (s.peerCertificates().isEmpty() ? "anonymous"
                        : s.peerCertificates().get(0).getSubjectX500Principal().getName())
                        + "|" + s.protocol() + "|" + s.cipherSuite())
                .orElse("plain");
        out.write(answer.getBytes(StandardCharsets.UTF_8));
    });

    @Test
    void xRoadMutualTlsExposesBothChains() throws Exception {
        var seenByServer = new AtomicReference<List<X509Certificate>>();
        SSLContext serverContext = TlsContexts.builder().key(PROVIDER.privateKey(), PROVIDER.chain())
                .trust(peer -> seenByServer.set(peer.chain())).build();
        try (HttpServer server = xRoadServer(serverContext, ClientAuth.NEED);
             ManagedHttpClient client = xRoadClient(CONSUMER)) {
            Request request = client.newRequest(server.uri());
            ContentResponse response = request.send();

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).isEqualTo(
                    CONSUMER.certificate().getSubjectX500Principal().getName()
                            + "|TLSv1.2|TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
            assertThat(seenByServer.get()).containsExactlyElementsOf(CONSUMER.chain());
            Optional<TlsSession> clientSide = TlsSession.of(request);
            assertThat(clientSide).hasValueSatisfying(s -> {
                assertThat(s.peerCertificates()).first().isEqualTo(PROVIDER.certificate());
                assertThat(s.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
            });
            assertThat(server.uri().getScheme()).isEqualTo("https");
        }
    }

    @Test
    void unknownClientCertificateIsRefused() throws Exception {
        SSLContext serverContext = TlsContexts.builder().key(PROVIDER.privateKey(), PROVIDER.chain())
                .trust(PeerTrust.pinned(List.of(CONSUMER.certificate()))).build();
        IssuedCert stranger = TestPki.builder().name("Stranger PKI").build().authCert("SS-CONSUMER");
        try (HttpServer server = xRoadServer(serverContext, ClientAuth.NEED);
             ManagedHttpClient client = xRoadClient(stranger)) {
            assertThatThrownBy(() -> client.GET(server.uri())).isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void clientWithoutCertificateIsRefusedWhenNeededAndAnonymousWhenWanted() throws Exception {
        SSLContext serverContext = TlsContexts.builder().key(PROVIDER.privateKey(), PROVIDER.chain())
                .trust(PeerTrust.acceptAny()).build();
        SSLContext anonymous = TlsContexts.builder().trust(PeerTrust.acceptAny()).build();
        try (HttpServer server = xRoadServer(serverContext, ClientAuth.NEED);
             ManagedHttpClient client = HttpClients.builder().tls(ClientTls.xRoad(anonymous)).build()) {
            assertThatThrownBy(() -> client.GET(server.uri())).isInstanceOf(ExecutionException.class);
        }
        try (HttpServer server = xRoadServer(serverContext, ClientAuth.WANT);
             ManagedHttpClient client = HttpClients.builder().tls(ClientTls.xRoad(anonymous)).build()) {
            assertThat(client.GET(server.uri()).getContentAsString()).startsWith("anonymous|TLSv1.2|");
        }
    }

    @Test
    void hostnameVerificationIsOnForVerifiedClientsAndOffForXRoad() throws Exception {
        // The test PKI's authentication certificates carry no subjectAltName for 127.0.0.1.
        SSLContext serverContext = TlsContexts.builder().key(PROVIDER.privateKey(), PROVIDER.chain()).build();
        SSLContext anchored = TlsContexts.builder().trustAnchors(List.of(PKI.root().certificate())).build();
        try (HttpServer server = HttpServer.builder().handler(WHO_ARE_YOU)
                .tls(new ServerTls(serverContext, ClientAuth.NONE, TlsProfile.CLIENT_FACING)).build().start()) {
            try (ManagedHttpClient verified = HttpClients.builder().tls(ClientTls.verified(anchored)).build()) {
                assertThatThrownBy(() -> verified.GET(server.uri())).isInstanceOf(ExecutionException.class);
            }
            var noHostCheck = new ClientTls(anchored, TlsProfile.CLIENT_FACING, false);
            try (ManagedHttpClient client = HttpClients.builder().tls(noHostCheck).build()) {
                assertThat(client.GET(server.uri()).getContentAsString()).isEqualTo("anonymous|TLSv1.3|TLS_AES_256_GCM_SHA384");
            }
        }
    }

    @Test
    void poolingOffClosesEveryConnectionAndPoolingOnReusesThem() throws Exception {
        Handler where = HttpServerTest.text((request, out) -> out.write((org.eclipse.jetty.server.Request
                .getRemotePort(request) + "|" + request.getHeaders().get("Connection")).getBytes(StandardCharsets.UTF_8)));
        try (HttpServer server = HttpServer.builder().handler(where).build().start()) {
            try (ManagedHttpClient pooled = HttpClients.builder().pooling(true).build()) {
                String first = pooled.GET(server.uri()).getContentAsString();
                String second = pooled.GET(server.uri()).getContentAsString();
                assertThat(second).isEqualTo(first).endsWith("|null");
            }
            try (ManagedHttpClient unpooled = HttpClients.builder().pooling(false).build()) {
                String first = unpooled.GET(server.uri()).getContentAsString();
                String second = unpooled.GET(server.uri()).getContentAsString();
                assertThat(first).endsWith("|close");
                assertThat(second).endsWith("|close").isNotEqualTo(first);
            }
        }
    }

    private static HttpServer xRoadServer(SSLContext context, ClientAuth clientAuth) {
        return HttpServer.builder().name("server-proxy").handler(WHO_ARE_YOU)
                .tls(new ServerTls(context, clientAuth, TlsProfile.X_ROAD)).build().start();
    }

    private static ManagedHttpClient xRoadClient(IssuedCert cert) {
        SSLContext context = TlsContexts.builder().key(cert.privateKey(), cert.chain())
                .trust(PeerTrust.acceptAny()).build();
        return HttpClients.builder().name("proxy-to-proxy").tls(ClientTls.xRoad(context)).build();
    }
}
