package org.sild.securityserver.envmonitor;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.signer.Token;
import org.sild.securityserver.signer.TokenKey;

/**
 * The certificates a running security server reports: those of its signer token (authentication
 * and signing; active while valid, Sild having no separate activation flag), its internal TLS
 * certificate and its clients' information system TLS certificates. Read anew on every call;
 * thread-safe as its sources are.
 */
public final class ServerCertificates implements Supplier<List<MonitoredCertificate>> {

    private final Token token;
    private final ServerConfStore serverConf;
    private final X509Certificate internalTls;
    private final Clock clock;

    public ServerCertificates(Token token, ServerConfStore serverConf, X509Certificate internalTls, Clock clock) {
        this.token = token;
        this.serverConf = serverConf;
        this.internalTls = internalTls;
        this.clock = clock;
    }

    @Override
    public List<MonitoredCertificate> get() {
        Instant now = clock.instant();
        var out = new ArrayList<MonitoredCertificate>();
        for (TokenKey key : token.keys()) {
            key.certificate().ifPresent(c -> out.add(new MonitoredCertificate(c, MonitoredCertificate.Type.AUTH_OR_SIGN,
                    !now.isBefore(c.getNotBefore().toInstant()) && !now.isAfter(c.getNotAfter().toInstant()))));
        }
        out.add(new MonitoredCertificate(internalTls, MonitoredCertificate.Type.SECURITY_SERVER_TLS, true));
        for (LocalClient client : serverConf.clients().list()) {
            client.isCertificates().forEach(c -> out.add(new MonitoredCertificate(c,
                    MonitoredCertificate.Type.INTERNAL_IS_CLIENT_TLS, true)));
        }
        return out;
    }
}
