package org.sild.securityserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class ProxyFaultsTest {

    private static String code(Throwable t) {
        return ProxyFaults.translate(t).code().toString();
    }

    @Test
    void technicalFailuresGetXRoadCodes() {
        assertThat(code(new UnknownHostException("nowhere.invalid"))).isEqualTo("UnknownHost");
        assertThat(code(new ConnectException("refused"))).isEqualTo("NetworkError");
        assertThat(code(new SocketTimeoutException("read"))).isEqualTo("IOError");
        assertThat(code(new TimeoutException("idle"))).isEqualTo("IOError");
        assertThat(code(new SSLHandshakeException("bad"))).isEqualTo("SslAuthenticationFailed");
        assertThat(code(new IOException("broken"))).isEqualTo("IOError");
        assertThat(code(new IllegalStateException("bug"))).isEqualTo("InternalError");
        assertThat(code(new ExecutionException(new ConnectException("refused")))).isEqualTo("NetworkError");
        assertThat(code(new IOException(new XRoadException(ErrorCode.ACCESS_DENIED, "x")))).isEqualTo("AccessDenied");
        assertThat(ProxyFaults.translate(new IOException("line\nbreak")).getMessage()).isEqualTo("line break");
    }

    @Test
    void prefixesAreAddedOnceAndNeverToCompleteCodes() {
        var bare = new XRoadException(ErrorCode.NETWORK_ERROR, "x");
        assertThat(ProxyFaults.complete(bare, ErrorCode.CLIENT_PROXY).code())
                .isEqualTo(FaultCode.parse("Server.ClientProxy.NetworkError"));
        var failed = ProxyFaults.serviceFailed(bare);
        assertThat(ProxyFaults.serviceFailed(failed).code()).isEqualTo(FaultCode.parse("ServiceFailed.NetworkError"));
        assertThat(ProxyFaults.complete(failed, ErrorCode.SERVER_PROXY).code())
                .isEqualTo(FaultCode.parse("Server.ServerProxy.ServiceFailed.NetworkError"));
        var client = bare.withPrefix(ErrorCode.CLIENT);
        assertThat(ProxyFaults.complete(client, ErrorCode.CLIENT_PROXY).code()).isEqualTo(FaultCode.parse("Client.NetworkError"));
        var relayed = new XRoadException(FaultCode.parse("server.serverproxy.access_denied"), "x");
        assertThat(ProxyFaults.complete(relayed, ErrorCode.CLIENT_PROXY).code())
                .isEqualTo(FaultCode.parse("Server.ServerProxy.AccessDenied"));
    }
}
