package org.sild.cli.sandbox;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.store.StoreConfig;
import org.sild.securityserver.SecurityServerConfig;
import org.sild.securityserver.datatracker.DataTrackerSettings;
import org.sild.securityserver.envmonitor.EnvMonitorSettings;
import org.sild.securityserver.globalconf.ConfigurationClientConfig;
import org.sild.securityserver.messagelog.MessageLogSettings;
import org.sild.securityserver.opmonitor.OpMonitorSettings;
import org.sild.securityserver.proxy.ProxySettings;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.signer.CertificateRequests;
import org.sild.securityserver.signer.KeyAlgorithm;
import org.sild.securityserver.signer.KeyPurpose;
import org.sild.securityserver.signer.SignerConfig;
import org.sild.securityserver.signer.Token;
import org.sild.securityserver.signer.TokenKey;
import org.sild.trustservices.TrustServices;
import org.sild.trustservices.TrustServicesConfig;
import org.sild.trustservices.ca.CertificateType;

/**
 * The operator's steps that every local instance takes the same way, whoever publishes its global
 * configuration: the trust services, a security server's configuration on the layout's ports, its
 * keys and certificates (generated on the token, certified by the CA from a CSR), and its identity
 * and local clients. Stateless.
 */
final class ServerProvisioning {

    private ServerProvisioning() {
    }

    /** The development CA with OCSP and the TSA of {@code layout}'s instance, state under {@code dir}. */
    static TrustServices trustServices(LocalNetwork.Layout layout, Path dir, Clock clock, SecureRandom random) {
        var ca = TrustServicesConfig.Ca.defaults();
        return TrustServices.create(TrustServicesConfig.defaults().withDataDir(dir.resolve("trust-services"))
                .withPorts(layout.caPort(), layout.tsaPort())
                .withCa(new TrustServicesConfig.Ca(ca.name(), ca.validity(), layout.instance(), ca.signingProfile(),
                        ca.authValidity(), ca.signValidity())), clock, random);
    }

    /** Server {@code spec}'s configuration, data under {@code dir/<server code>} with {@code anchorXml} there. */
    static SecurityServerConfig config(Path dir, LocalNetwork.Server spec, byte[] anchorXml) {
        Path data = dir.resolve(spec.id().serverCode());
        LocalNetwork.createDirectories(data);
        LocalNetwork.writeFile(data.resolve("configuration-anchor.xml"), anchorXml);
        var proxy = ProxySettings.builder().clientHttpPort(spec.ports().clientHttp())
                .clientHttpsPort(spec.ports().clientHttps()).serverPort(spec.ports().server())
                .ocspPort(spec.ports().ocsp()).build();
        var conf = ConfigurationClientConfig.defaults();
        return new SecurityServerConfig(data,
                new SecurityServerConfig.Listen("127.0.0.1", "127.0.0.1", "127.0.0.1", spec.ports().admin()),
                List.of(new ApiKey("sandbox", LocalNetwork.PIN)), proxy, StoreConfig.defaults(),
                SignerConfig.withPin(LocalNetwork.PIN), new ConfigurationClientConfig(conf.directory(),
                        Optional.of(Path.of("configuration-anchor.xml")), conf.updateInterval(), "none", false, false),
                SANDBOX_MESSAGE_LOG, OpMonitorSettings.defaults(), EnvMonitorSettings.defaults(),
                DataTrackerSettings.defaults());
    }

    /** Short intervals so that a newcomer sees records stamped and archived within a minute. */
    static final MessageLogSettings SANDBOX_MESSAGE_LOG = MessageLogSettings.builder()
            .timestampInterval(Duration.ofSeconds(5)).timestampRetryDelay(Duration.ofSeconds(5))
            .archiveInterval(Duration.ofSeconds(30)).build();

    /**
     * Makes sure the token holds an authentication key and a signing key for every member the server
     * signs for, each with a certificate from the CA; returns the authentication certificate.
     */
    static X509Certificate provisionKeys(TrustServices trust, Token token, LocalNetwork.Server spec) {
        var members = new LinkedHashSet<MemberId>();
        members.add(spec.id().owner());
        spec.clients().forEach(c -> members.add(c.member()));
        X509Certificate auth = certified(token, KeyPurpose.AUTHENTICATION, Optional.empty())
                .orElseGet(() -> {
                    TokenKey key = token.generateKey(KeyPurpose.AUTHENTICATION, Optional.empty(), KeyAlgorithm.RSA_2048,
                            "authentication key of " + spec.id());
                    byte[] csr = CertificateRequests.authentication(token, key.id(), spec.id());
                    return token.importCertificate(List.of(trust.ca().issue(csr, CertificateType.AUTH).certificate()))
                            .certificate().orElseThrow();
                });
        for (MemberId member : members) {
            if (certified(token, KeyPurpose.SIGNING, Optional.of(member)).isEmpty()) {
                TokenKey key = token.generateKey(KeyPurpose.SIGNING, Optional.of(member), KeyAlgorithm.RSA_2048,
                        "signing key of " + member);
                byte[] csr = CertificateRequests.signing(token, key.id());
                token.importCertificate(List.of(trust.ca().issue(csr, CertificateType.SIGN).certificate()));
            }
        }
        return auth;
    }

    private static Optional<X509Certificate> certified(Token token, KeyPurpose purpose, Optional<MemberId> member) {
        return token.keys().stream().filter(k -> k.purpose() == purpose && k.member().equals(member))
                .map(TokenKey::certificate).flatMap(Optional::stream).findFirst();
    }

    /** The server's identity and its owner and clients as local clients (plain HTTP allowed), when missing. */
    static void registerClients(ServerConfStore conf, LocalNetwork.Server spec) {
        if (conf.identity().isEmpty()) {
            conf.setIdentity(spec.id());
        }
        var clients = new ArrayList<ClientId>();
        clients.add(spec.id().owner());
        clients.addAll(spec.clients());
        for (ClientId client : clients) {
            if (conf.clients().get(client).isEmpty()) {
                conf.clients().add(client, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.NOSSL);
            }
        }
    }
}
