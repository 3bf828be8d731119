package org.sild.securityserver.serverproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.globalconf.GlobalGroup;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.LocalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.proxy.FakeGlobalConf;
import org.sild.securityserver.proxy.FakeServerConf;
import org.sild.securityserver.serverconf.AccessRight;

class AccessControlTest {

    private static final MemberId PROVIDER = new MemberId("EE", "GOV", "p");
    private static final MemberId CLIENT = new MemberId("EE", "GOV", "c");
    private static final ServiceId SERVICE = new ServiceId(PROVIDER.subsystem("s"), "persons", "v1");

    @TempDir
    Path dir;

    private GlobalConf conf(List<GlobalGroup> groups) {
        var gc = new FakeGlobalConf(dir);
        gc.publish(SharedParameters.builder("EE").globalGroup(groups.isEmpty() ? new GlobalGroup(
                new GlobalGroupId("EE", "empty"), "none", List.of()) : groups.get(0)).build(), Instant.now().plusSeconds(600));
        return gc.current(Instant.now());
    }

    private static Optional<AccessControl.RestCall> rest(String method, String path) {
        return Optional.of(new AccessControl.RestCall(method, path));
    }

    @Test
    void subjectsAndServiceCodesIgnoringTheVersion() {
        var serverConf = new FakeServerConf(new org.sild.core.id.SecurityServerId(PROVIDER, "ss"));
        var control = new AccessControl(serverConf);
        var owner = SERVICE.provider();
        GlobalConf conf = conf(List.of(new GlobalGroup(new GlobalGroupId("EE", "g"), "G", List.of(CLIENT.subsystem("x")))));

        assertThat(control.allowed(conf, CLIENT, SERVICE, Optional.empty())).isFalse();
        serverConf.grant(owner, AccessRight.wholeService(CLIENT, "persons"));
        assertThat(control.allowed(conf, CLIENT, SERVICE, Optional.empty())).isTrue();
        assertThat(control.allowed(conf, CLIENT, new ServiceId(owner, "persons"), Optional.empty())).isTrue();
        assertThat(control.allowed(conf, CLIENT, new ServiceId(owner, "other"), Optional.empty())).isFalse();
        assertThat(control.allowed(conf, CLIENT.subsystem("x"), SERVICE, Optional.empty())).isFalse();

        serverConf.grant(owner, AccessRight.wholeService(new GlobalGroupId("EE", "g"), "persons"));
        assertThat(control.allowed(conf, CLIENT.subsystem("x"), SERVICE, Optional.empty())).isTrue();
        assertThat(control.allowed(conf, CLIENT.subsystem("y"), SERVICE, Optional.empty())).isFalse();

        serverConf.grant(owner, AccessRight.wholeService(new LocalGroupId("friends"), "persons"));
        assertThat(control.allowed(conf, CLIENT.subsystem("y"), SERVICE, Optional.empty())).isFalse();
        serverConf.localGroup(owner, "friends", List.of(CLIENT.subsystem("y")));
        assertThat(control.allowed(conf, CLIENT.subsystem("y"), SERVICE, Optional.empty())).isTrue();
        // Local groups belong to the service's owner.
        serverConf.localGroup(PROVIDER, "others", List.of(CLIENT.subsystem("z")));
        serverConf.grant(owner, AccessRight.wholeService(new LocalGroupId("others"), "persons"));
        assertThat(control.allowed(conf, CLIENT.subsystem("z"), SERVICE, Optional.empty())).isFalse();
    }

    @Test
    void restEndpointsByMethodAndPath() {
        var serverConf = new FakeServerConf(new org.sild.core.id.SecurityServerId(PROVIDER, "ss"));
        var control = new AccessControl(serverConf);
        GlobalConf conf = conf(List.of());
        serverConf.grant(SERVICE.provider(), new AccessRight(CLIENT, "persons", "GET", "/persons/*"));
        serverConf.grant(SERVICE.provider(), new AccessRight(CLIENT, "persons", "*", "/admin/**"));

        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("GET", "/persons/1"))).isTrue();
        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("get", "/persons/1"))).isTrue();
        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("POST", "/persons/1"))).isFalse();
        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("GET", "/persons/1/x"))).isFalse();
        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("GET", "/persons/%31"))).isTrue();
        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("DELETE", "/admin/a/b"))).isTrue();
        // Dot segments are resolved first: this one lands inside a granted path; climbing above the root never does.
        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("GET", "/persons/x/../../admin/secret"))).isTrue();
        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("GET", "/admin/../../admin/x"))).isFalse();
        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("GET", "/admin/%2e%2e/%2e%2e/etc"))).isFalse();
        assertThat(control.allowed(conf, CLIENT, SERVICE, rest("GET", ""))).isFalse();
    }
}
