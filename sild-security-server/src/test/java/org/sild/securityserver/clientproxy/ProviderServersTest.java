package org.sild.securityserver.clientproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.Member;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.proxy.FakeGlobalConf;
import org.sild.securityserver.proxy.ProxySettings;

class ProviderServersTest {

    private static final MemberId OWNER = new MemberId("EE", "GOV", "1");
    private static final SecurityServerId A = new SecurityServerId(OWNER, "a");
    private static final SecurityServerId B = new SecurityServerId(OWNER, "b");
    private final ProviderServers servers = new ProviderServers(ProxySettings.defaults());

    @TempDir
    Path dir;

    private GlobalConf conf(SecurityServer... list) {
        var builder = SharedParameters.builder("EE").member(new Member(OWNER, "Government", "One", List.of(
                new Member.Subsystem(OWNER.subsystem("x"), Optional.empty()),
                new Member.Subsystem(OWNER.subsystem("y"), Optional.empty()))));
        for (SecurityServer s : list) {
            builder.securityServer(s);
        }
        var gc = new FakeGlobalConf(dir);
        gc.publish(builder.build(), Instant.now().plusSeconds(600));
        return gc.current(Instant.now());
    }

    private static SecurityServer server(SecurityServerId id, String address, boolean maintenance) {
        return new SecurityServer(id, Optional.ofNullable(address), List.of("eA=="), List.of(OWNER.subsystem("x")),
                maintenance ? Optional.of(new SecurityServer.MaintenanceMode(Optional.of("later"))) : Optional.empty());
    }

    private static void fault(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code().endsWith(code))
                .as(e.toString()).isTrue());
    }

    @Test
    void addressesWithDefaultAndExplicitPorts() {
        assertThat(servers.endpoint(A, "ss.example.org")).contains(new ProviderEndpoint(A, "ss.example.org", 5500, 5577));
        assertThat(servers.endpoint(A, "127.0.0.1:5501")).contains(new ProviderEndpoint(A, "127.0.0.1", 5501, 5578));
        assertThat(servers.endpoint(A, "[::1]:5502")).contains(new ProviderEndpoint(A, "::1", 5502, 5579));
        assertThat(servers.endpoint(A, "[::1]")).contains(new ProviderEndpoint(A, "::1", 5500, 5577));
        assertThat(servers.endpoint(A, "host:notaport")).isEmpty();
        assertThat(servers.endpoint(A, ":5500")).isEmpty();
        assertThat(servers.endpoint(A, "[::1")).isEmpty();
    }

    @Test
    void everyServerOfTheProviderMinusMaintenance() {
        GlobalConf conf = conf(server(A, "a.example", false), server(B, "b.example", true));
        assertThat(servers.resolve(conf, OWNER.subsystem("x"), Optional.empty())).extracting(ProviderEndpoint::host)
                .containsExactly("a.example");
        assertThat(servers.resolve(conf, OWNER, Optional.empty())).hasSize(1);
        fault(() -> servers.resolve(conf, OWNER.subsystem("unknown"), Optional.empty()), ErrorCode.UNKNOWN_MEMBER);
        fault(() -> servers.resolve(conf, new MemberId("FI", "GOV", "1"), Optional.empty()), ErrorCode.UNKNOWN_MEMBER);
        fault(() -> servers.resolve(conf(server(A, "a", true)), OWNER, Optional.empty()), ErrorCode.MAINTENANCE_MODE);
        fault(() -> servers.resolve(conf(server(A, null, false)), OWNER, Optional.empty()), ErrorCode.UNKNOWN_MEMBER);
    }

    @Test
    void pinnedServer() {
        GlobalConf conf = conf(server(A, "a.example", false), server(B, "b.example", true));
        assertThat(servers.resolve(conf, OWNER, Optional.of(A))).extracting(ProviderEndpoint::server).containsExactly(A);
        fault(() -> servers.resolve(conf, OWNER, Optional.of(B)), ErrorCode.MAINTENANCE_MODE);
        fault(() -> servers.resolve(conf, OWNER, Optional.of(new SecurityServerId(OWNER, "c"))),
                ErrorCode.INVALID_SECURITY_SERVER);
        fault(() -> servers.resolve(conf, OWNER.subsystem("y"), Optional.of(A)), ErrorCode.INVALID_SECURITY_SERVER);
    }
}
