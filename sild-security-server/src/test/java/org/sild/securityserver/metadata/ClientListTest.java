package org.sild.securityserver.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.id.MemberId;

class ClientListTest {

    private static final MemberId MEMBER = new MemberId("AA", "ENT", "CLIENT1");
    private static final ClientList LIST = new ClientList(List.of(
            new ClientList.Entry(MEMBER, "Client One", Optional.empty()),
            new ClientList.Entry(MEMBER.subsystem("sub"), "Client One", Optional.of("Client One Sub"))));

    @Test
    void xmlIsTheClientListOfPrMeta() {
        String xml = new String(LIST.xml(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ns2:clientList xmlns:ns1=\"http://x-road.eu/xsd/identifiers\" "
                + "xmlns:ns2=\"http://x-road.eu/xsd/xroad.xsd\">")
                .contains("<ns2:member><ns2:id ns1:objectType=\"SUBSYSTEM\"><ns1:xRoadInstance>AA</ns1:xRoadInstance>"
                        + "<ns1:memberClass>ENT</ns1:memberClass><ns1:memberCode>CLIENT1</ns1:memberCode>"
                        + "<ns1:subsystemCode>sub</ns1:subsystemCode></ns2:id><ns2:name>Client One</ns2:name>"
                        + "<ns2:subsystemName>Client One Sub</ns2:subsystemName></ns2:member>")
                .contains("<ns2:id ns1:objectType=\"MEMBER\">");
    }

    @Test
    void jsonIsSnakeCaseWithoutAbsentFields() {
        assertThat(new String(LIST.json(), StandardCharsets.UTF_8)).isEqualTo("{\"member\":["
                + "{\"id\":{\"member_class\":\"ENT\",\"member_code\":\"CLIENT1\",\"object_type\":\"MEMBER\","
                + "\"xroad_instance\":\"AA\"},\"name\":\"Client One\"},"
                + "{\"id\":{\"member_class\":\"ENT\",\"member_code\":\"CLIENT1\",\"subsystem_code\":\"sub\","
                + "\"object_type\":\"SUBSYSTEM\",\"xroad_instance\":\"AA\"},\"name\":\"Client One\","
                + "\"subsystem_name\":\"Client One Sub\"}]}");
    }

    @Test
    void jsonWhenAnyAcceptValueIsJson() {
        assertThat(ListClients.wantsJson(List.of("text/xml;q=1, application/json;q=0.9"))).isTrue();
        assertThat(ListClients.wantsJson(List.of("text/xml", "Application/JSON; charset=utf-8"))).isTrue();
        assertThat(ListClients.wantsJson(List.of("text/xml", "*/*"))).isFalse();
        assertThat(ListClients.wantsJson(List.of())).isFalse();
    }
}
