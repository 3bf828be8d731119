package org.sild.e2e;

import java.nio.charset.StandardCharsets;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.e2e.ProviderIs.Reply;

/**
 * The network most scenarios use: a consumer member with subsystem {@code app} behind {@code ss1}
 * and a provider member with subsystem {@code api} behind {@code ss2}, in instance {@code E2E}.
 */
final class TwoServers {

    static final MemberId CONSUMER = new MemberId("E2E", "GOV", "1001");
    static final MemberId PROVIDER = new MemberId("E2E", "COM", "2002");
    static final SubsystemId APP = CONSUMER.subsystem("app");
    static final SubsystemId API = PROVIDER.subsystem("api");
    static final SecurityServerId SS1 = new SecurityServerId(CONSUMER, "ss1");
    static final SecurityServerId SS2 = new SecurityServerId(PROVIDER, "ss2");
    /** The REST service {@link #servePersons} sets up. */
    static final ServiceId PERSONS = new ServiceId(API, "persons");

    private TwoServers() {
    }

    /** A builder with both members and both servers; add settings, then start it. */
    static TestNetwork.Builder builder() {
        return TestNetwork.builder()
                .member(CONSUMER, "Consumer Agency", "app")
                .member(PROVIDER, "Provider Company", "api")
                .server(SS1, APP)
                .server(SS2, API);
    }

    /** Sets up {@link #PERSONS} on {@code ss2}, answering {@code {"ok":true}}, and lets {@code app} call it. */
    static ProviderIs servePersons(TestNetwork net) {
        ProviderIs is = net.providerIs("persons-is")
                .answer(r -> Reply.of(200, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));
        net.restService(PERSONS, is.url("/persons"));
        net.allow(APP, PERSONS);
        return is;
    }
}
