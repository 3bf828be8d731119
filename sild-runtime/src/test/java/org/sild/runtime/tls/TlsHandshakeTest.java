package org.sild.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.testing.IssuedCert;
import org.sild.testing.KeyType;
import org.sild.testing.TestPki;

/** Real TLS handshakes over loopback sockets with contexts from {@link TlsContexts}. */
class TlsHandshakeTest {

    private static final TestPki PKI = TestPki.create();
    private static final TestPki EC_PKI = TestPki.builder().name("Sild EC Test").keyType(KeyType.EC_P256).build();
    private static final TestPki OTHER_PKI = TestPki.builder().name("Unknown PKI").build();

    private static final IssuedCert SERVER = PKI.authCert("SS-PROVIDER");
    private static final IssuedCert CLIENT = PKI.authCert("SS-CONSUMER");

    @Test
    void xRoadProfileNegotiatesEachOfItsSuitesOverTls12() throws Exception {
        IssuedCert ecServer = EC_PKI.authCert("SS-EC");
        for (String suite : TlsProfile.X_ROAD.cipherSuites()) {
            IssuedCert server = suite.contains("ECDSA") ? ecServer : SERVER;
            var clientProfile = new TlsProfile(List.of("TLSv1.2"), List.of(suite));
            var result = handshake(serverContext(server, PeerTrust.acceptAny()), TlsProfile.X_ROAD, ClientAuth.NEED,
                    clientContext(CLIENT, PeerTrust.acceptAny()), clientProfile);
            assertThat(result.client().getCipherSuite()).as(suite).isEqualTo(suite);
            assertThat(result.client().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void xRoadSuitesAreAvailableInThisJdk() {
        SSLContext context = TlsContexts.builder().build();
        assertThat(TlsProfile.X_ROAD.requireSupported(context)).isSameAs(TlsProfile.X_ROAD);
        assertThat(TlsProfile.CLIENT_FACING.requireSupported(context)).isSameAs(TlsProfile.CLIENT_FACING);
    }

    @Test
    void xRoadServerPrefersItsOwnOrder() throws Exception {
        var reversed = new TlsProfile(List.of("TLSv1.2"), TlsProfile.X_ROAD.cipherSuites().reversed());
        var result = handshake(serverContext(SERVER, PeerTrust.acceptAny()), TlsProfile.X_ROAD, ClientAuth.NEED,
                clientContext(CLIENT, PeerTrust.acceptAny()), reversed);
        assertThat(result.client().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
    }

    @Test
    void xRoadProfileRefusesTls13AndOtherSuites() {
        var tls13 = new TlsProfile(List.of("TLSv1.3"), List.of("TLS_AES_256_GCM_SHA384"));
        assertThatThrownBy(() -> handshake(serverContext(SERVER, PeerTrust.acceptAny()), TlsProfile.X_ROAD,
                ClientAuth.NEED, clientContext(CLIENT, PeerTrust.acceptAny()), tls13)).isInstanceOf(IOException.class);
        var gcm = new TlsProfile(List.of("TLSv1.2"), List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        assertThatThrownBy(() -> handshake(serverContext(SERVER, PeerTrust.acceptAny()), TlsProfile.X_ROAD,
                ClientAuth.NEED, clientContext(CLIENT, PeerTrust.acceptAny()), gcm)).isInstanceOf(IOException.class);
    }

    @Test
    void clientFacingProfilePrefersTls13AndSpeaksTls12WithAead() throws Exception {
        var result = handshake(serverContext(SERVER, PeerTrust.acceptAny()), TlsProfile.CLIENT_FACING,
                ClientAuth.NONE, clientContext(CLIENT, PeerTrust.acceptAny()), TlsProfile.CLIENT_FACING);
        assertThat(result.client().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(result.client().getCipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");

        var tls12 = new TlsProfile(List.of("TLSv1.2"), TlsProfile.CLIENT_FACING.cipherSuites());
        result = handshake(serverContext(SERVER, PeerTrust.acceptAny()), TlsProfile.CLIENT_FACING,
                ClientAuth.NONE, clientContext(CLIENT, PeerTrust.acceptAny()), tls12);
        assertThat(result.client().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(result.client().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void clientFacingProfileRefusesCbcSuites() {
        var cbc = new TlsProfile(List.of("TLSv1.2"), List.of("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"));
        assertThatThrownBy(() -> handshake(serverContext(SERVER, PeerTrust.acceptAny()), TlsProfile.CLIENT_FACING,
                ClientAuth.NONE, clientContext(CLIENT, PeerTrust.acceptAny()), cbc)).isInstanceOf(IOException.class);
    }

    @Test
    void mutualAuthHandsBothChainsToTheCallbacks() throws Exception {
        var seenByServer = new CopyOnWriteArrayList<TlsPeer>();
        var seenByClient = new CopyOnWriteArrayList<TlsPeer>();
        var result = handshake(serverContext(SERVER, seenByServer::add), TlsProfile.X_ROAD, ClientAuth.NEED,
                clientContext(CLIENT, seenByClient::add), TlsProfile.X_ROAD);

        assertThat(result.server().getPeerCertificates()[0]).isEqualTo(CLIENT.certificate());
        assertThat(seenByServer).singleElement().satisfies(peer -> {
            assertThat(peer.role()).isEqualTo(TlsPeer.Role.CLIENT);
            assertThat(peer.certificate()).isEqualTo(CLIENT.certificate());
            assertThat(peer.chain()).containsExactlyElementsOf(CLIENT.chain());
        });
        assertThat(seenByClient).singleElement().satisfies(peer -> {
            assertThat(peer.role()).isEqualTo(TlsPeer.Role.SERVER);
            assertThat(peer.certificate()).isEqualTo(SERVER.certificate());
            assertThat(peer.port()).isPositive();
        });
    }

    @Test
    void callbackRefusalFailsTheHandshake() {
        PeerTrust onlyKnown = PeerTrust.pinned(List.of(CLIENT.certificate()));
        IssuedCert stranger = OTHER_PKI.authCert("SS-STRANGER");
        assertThatThrownBy(() -> handshake(serverContext(SERVER, onlyKnown), TlsProfile.X_ROAD, ClientAuth.NEED,
                clientContext(stranger, PeerTrust.acceptAny()), TlsProfile.X_ROAD))
                .isInstanceOf(IOException.class);
    }

    @Test
    void pinnedAcceptsTheKnownCertificate() throws Exception {
        var result = handshake(serverContext(SERVER, PeerTrust.pinned(List.of(CLIENT.certificate()))),
                TlsProfile.X_ROAD, ClientAuth.NEED, clientContext(CLIENT, PeerTrust.acceptAny()), TlsProfile.X_ROAD);
        assertThat(result.server().getPeerCertificates()).hasSize(CLIENT.chain().size());
    }

    @Test
    void pinnedRefusalIsAnSslAuthenticationFault() {
        var peer = new TlsPeer(OTHER_PKI.authCert("X").chain(), TlsPeer.Role.CLIENT, java.util.Optional.empty(), -1);
        assertThatThrownBy(() -> PeerTrust.pinned(List.of(CLIENT.certificate())).verify(peer))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.of(ErrorCode.SSL_AUTHENTICATION_FAILED)));
    }

    @Test
    void trustAnchorsAcceptTheirPkiAndRefuseOthers() throws Exception {
        SSLContext server = TlsContexts.builder().key(SERVER.privateKey(), SERVER.chain())
                .trustAnchors(List.of(PKI.root().certificate())).build();
        var result = handshake(server, TlsProfile.X_ROAD, ClientAuth.NEED,
                clientContext(CLIENT, PeerTrust.acceptAny()), TlsProfile.X_ROAD);
        assertThat(result.server().getPeerCertificates()[0]).isEqualTo(CLIENT.certificate());

        IssuedCert stranger = OTHER_PKI.authCert("SS-STRANGER");
        assertThatThrownBy(() -> handshake(server, TlsProfile.X_ROAD, ClientAuth.NEED,
                clientContext(stranger, PeerTrust.acceptAny()), TlsProfile.X_ROAD)).isInstanceOf(IOException.class);
    }

    @Test
    void missingClientCertificateIsRefusedWhenNeededAndAcceptedWhenWanted() throws Exception {
        SSLContext anonymous = TlsContexts.builder().trust(PeerTrust.acceptAny()).build();
        assertThatThrownBy(() -> handshake(serverContext(SERVER, PeerTrust.acceptAny()), TlsProfile.X_ROAD,
                ClientAuth.NEED, anonymous, TlsProfile.X_ROAD)).isInstanceOf(IOException.class);

        var result = handshake(serverContext(SERVER, PeerTrust.acceptAny()), TlsProfile.X_ROAD, ClientAuth.WANT,
                anonymous, TlsProfile.X_ROAD);
        assertThat(result.client().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
        assertThatThrownBy(() -> result.server().getPeerCertificates())
                .isInstanceOf(javax.net.ssl.SSLPeerUnverifiedException.class);
    }

    @Test
    void unsupportedSuiteFailsClosed() {
        var bogus = new TlsProfile(List.of("TLSv1.2"), List.of("TLS_RSA_WITH_NULL_SHA256", "TLS_NO_SUCH_SUITE"));
        assertThatThrownBy(() -> bogus.requireSupported(TlsContexts.builder().build()))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INTERNAL_ERROR));
                    assertThat(e.getMessage()).contains("TLS_NO_SUCH_SUITE").contains("jdk.tls.disabledAlgorithms");
                });
    }

    private static SSLContext serverContext(IssuedCert cert, PeerTrust trust) {
        return TlsContexts.builder().key(cert.privateKey(), cert.chain()).trust(trust).build();
    }

    private static SSLContext clientContext(IssuedCert cert, PeerTrust trust) {
        return TlsContexts.builder().key(cert.privateKey(), cert.chain()).trust(trust).build();
    }

    private record Sessions(SSLSession server, SSLSession client) {
    }

    /** One handshake plus a byte each way, so that late (TLS 1.3) refusals surface too. */
    private static Sessions handshake(SSLContext serverContext, TlsProfile serverProfile, ClientAuth clientAuth,
            SSLContext clientContext, TlsProfile clientProfile) throws Exception {
        try (var listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var params = serverProfile.applyTo(listener.getSSLParameters());
            params.setNeedClientAuth(clientAuth == ClientAuth.NEED);
            if (clientAuth == ClientAuth.WANT) {
                params.setWantClientAuth(true);
            }
            listener.setSSLParameters(params);
            var server = new CompletableFuture<SSLSession>();
            Thread.ofVirtual().start(() -> {
                try (var socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    int b = socket.getInputStream().read();
                    socket.getOutputStream().write(b);
                    socket.getOutputStream().flush();
                    server.complete(socket.getSession());
                } catch (IOException | RuntimeException e) {
                    server.completeExceptionally(e);
                }
            });
            try (var socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.setSSLParameters(clientProfile.applyTo(socket.getSSLParameters()));
                socket.startHandshake();
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() != 42) {
                    throw new IOException("the server closed the connection");
                }
                SSLSession client = socket.getSession();
                try {
                    return new Sessions(server.get(10, TimeUnit.SECONDS), client);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
        }
    }

}
