package org.sild.securityserver.confsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.confsource.ServerEntry;
import org.sild.securityserver.globalconf.Fixtures;

class InstanceDescriptionTest {

    private static final MemberId GOV = new MemberId("DEV", "GOV", "1");

    private static InstanceDescription.Builder base() {
        return InstanceDescription.builder("DEV").memberClass("GOV", "Government").member(GOV, "Agency", "app")
                .managementService("https://cs:4001/managementservice/", GOV.subsystem("management"));
    }

    @Test
    void buildsMembersWithTheirClassDescriptionAndRoundTripsThroughItsBuilder() {
        var d = base().subsystem(GOV.subsystem("named"), Optional.of("Named")).build();

        assertThat(d.members()).singleElement().satisfies(m -> {
            assertThat(m.memberClassDescription()).isEqualTo("Government");
            assertThat(m.subsystems()).extracting(s -> s.id().subsystem()).containsExactly("app", "named");
            assertThat(m.subsystem("named").orElseThrow().name()).contains("Named");
        });
        assertThat(d.toBuilder().build()).isEqualTo(d);
        assertThat(d.member(GOV)).isPresent();
    }

    @Test
    void securityServersCanBeChangedInPlace() {
        var id = new SecurityServerId(GOV, "ss1");
        var cert = Fixtures.PKI.tsa().certificate();
        var d = base().securityServer(ServerEntry.of(id, "10.0.0.1", cert)).build();
        var changed = d.toBuilder().securityServer(d.securityServer(id).orElseThrow().withClient(GOV.subsystem("app"))
                .withClient(GOV.subsystem("app")).withAuthCert(cert)).build();

        assertThat(changed.securityServers()).singleElement().satisfies(s -> {
            assertThat(s.clients()).containsExactly(GOV.subsystem("app"));
            assertThat(s.authCerts()).containsExactly(cert);
        });
    }

    @Test
    void inconsistenciesAreNamed() {
        var foreign = new MemberId("EE", "GOV", "2");
        assertThatThrownBy(() -> base().member(foreign, "Foreign").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not of instance DEV");
        assertThatThrownBy(() -> base().member(new MemberId("DEV", "COM", "3"), "Company").build())
                .hasMessageContaining("undeclared member class COM");
        var stranger = new MemberId("DEV", "GOV", "9");
        assertThatThrownBy(() -> base().securityServer(ServerEntry.of(new SecurityServerId(stranger, "ss"), "a",
                Fixtures.PKI.tsa().certificate())).build()).hasMessageContaining("unregistered owner");
        assertThatThrownBy(() -> base().securityServer(ServerEntry.of(new SecurityServerId(GOV, "ss"), "a",
                Fixtures.PKI.tsa().certificate(), GOV.subsystem("nope"))).build())
                .hasMessageContaining("unregistered client");
        assertThatThrownBy(() -> base().subsystem(stranger.subsystem("x"), Optional.empty()))
                .hasMessageContaining("unregistered member");
        assertThatThrownBy(() -> base().timeStampingIntervalSeconds(3600).build())
                .hasMessageContaining("must be less than ocspFreshnessSeconds");
        assertThatThrownBy(() -> base().optionalPart("SHARED-PARAMETERS", "x.xml", new byte[0]).build())
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> base().optionalPart("FOO", "../x.xml", new byte[0]).build())
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> base().optionalPart("FOO", "shared-params.xml", "x".getBytes(StandardCharsets.UTF_8))
                .build()).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> InstanceDescription.builder("DEV").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("management services");
    }
}
