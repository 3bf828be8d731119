package org.sild.securityserver.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jetty.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.id.ServiceId;
import org.sild.runtime.json.Json;
import org.sild.securityserver.proxy.ProviderIs;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.Soap;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.testing.Vectors;

/** Metadata services through real client and server proxies (TLS, signatures, message log). */
class MetadataExchangeTest {

    private static final String PROVIDER = "/r1/EE/BUSINESS/producer/subsys2";
    private static ProxyHarness harness;

    @BeforeAll
    static void start() {
        harness = ProxyHarness.start();
        harness.providerConf.endpoint(ProxyHarness.PRODUCER_SUB, new Endpoint("persons", "GET", "/public/*"));
        harness.providerConf.endpoint(ProxyHarness.PRODUCER_SUB, new Endpoint("persons", "POST", "/private"));
        harness.providerConf.grant(ProxyHarness.PRODUCER_SUB,
                new AccessRight(ProxyHarness.CONSUMER_SUB, "persons", "GET", "/public/**"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void clear() {
        harness.consumerLog.clear();
        harness.providerLog.clear();
    }

    private static Request rest(String path, String client) {
        return harness.client().newRequest(harness.clientUri(path)).method("GET")
                .headers(h -> h.put("X-Road-Client", client));
    }

    @Test
    void restListMethodsAnswers200WithXRoadsJson() throws IOException {
        int isHits = harness.providerIsHits();
        ProxyHarness.Answer answer = ProxyHarness.send(rest(PROVIDER + "/listMethods", "EE/BUSINESS/consumer/subsys1"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode service = Json.mapper().readTree(answer.body()).get("service");
        assertThat(service).hasSize(1);
        assertThat(service.get(0).toString()).isEqualTo("{\"object_type\":\"SERVICE\",\"xroad_instance\":\"EE\","
                + "\"member_class\":\"BUSINESS\",\"member_code\":\"producer\",\"subsystem_code\":\"subsys2\","
                + "\"service_code\":\"persons\",\"service_type\":\"REST\",\"endpoint_list\":["
                + "{\"method\":\"GET\",\"path\":\"/public/*\"},{\"method\":\"POST\",\"path\":\"/private\"}]}");
        assertThat(answer.headers().get("x-road-service")).isEqualTo("EE/BUSINESS/producer/subsys2/listMethods");
        assertThat(answer.headers().get("x-road-request-hash")).isNotBlank();
        assertThat(harness.providerIsHits()).as("answered by the provider's security server").isEqualTo(isHits);
        assertThat(harness.providerLog.records()).hasSize(2);
        assertThat(harness.consumerLog.records()).hasSize(2);
    }

    @Test
    void restAllowedMethodsFollowsTheCallersGrantsWithoutAccessCheck() throws IOException {
        ProxyHarness.Answer granted = ProxyHarness.send(rest(PROVIDER + "/allowedMethods", "EE/BUSINESS/consumer/subsys1"));
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);
        JsonNode services = Json.mapper().readTree(granted.body()).get("service");
        assertThat(services).hasSize(1);
        // The harness grants the subsystem the whole service: every registered endpoint is covered.
        assertThat(services.get(0).get("endpoint_list").toString()).isEqualTo(
                "[{\"method\":\"GET\",\"path\":\"/public/*\"},{\"method\":\"POST\",\"path\":\"/private\"}]");

        // The consumer member holds no grant on the REST service: an empty list, not AccessDenied.
        ProxyHarness.Answer none = ProxyHarness.send(rest(PROVIDER + "/allowedMethods", "EE/BUSINESS/consumer"));
        assertThat(none.status()).as(none.text()).isEqualTo(200);
        assertThat(none.text()).isEqualTo("{\"service\":[]}");
    }

    @Test
    void soapListMethodsAndAllowedMethodsThroughTheProxies() {
        ServiceId list = new ServiceId(ProxyHarness.PRODUCER, "listMethods");
        ProxyHarness.Answer answer = harness.soap(Soap.envelope(ProxyHarness.CONSUMER, list, "meta-1", Optional.empty(),
                "<xroad:listMethods/>"), "text/xml; charset=UTF-8");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.faultCode()).as(answer.text()).isEmpty();
        assertThat(answer.text()).contains("listMethodsResponse").contains("<id:serviceCode>getState</id:serviceCode>")
                .contains("requestHash");

        ServiceId allowed = new ServiceId(ProxyHarness.PRODUCER, "allowedMethods");
        ProxyHarness.Answer forSub = harness.soap(Soap.envelope(ProxyHarness.CONSUMER_SUB, allowed, "meta-2",
                Optional.empty(), "<xroad:allowedMethods/>"), "text/xml; charset=UTF-8");
        assertThat(forSub.faultCode()).as(forSub.text()).isEmpty();
        assertThat(forSub.text()).contains("allowedMethodsResponse").doesNotContain("getState");
    }

    @Test
    void soapGetWsdlDownloadsTheDescriptionAndAnswersMultipart() throws IOException {
        byte[] wsdl = Vectors.bytes("src/addons/metaservice/src/test/resources/__files/wsdl.wsdl");
        harness.providerIs(new ProviderIs().answer(200, "text/xml", wsdl));
        ServiceId getWsdl = new ServiceId(ProxyHarness.PRODUCER, "getWsdl");
        ProxyHarness.Answer answer = harness.soap(Soap.envelope(ProxyHarness.CONSUMER, getWsdl, "meta-3", Optional.empty(),
                "<xroad:getWsdl><xroad:serviceCode>getState</xroad:serviceCode></xroad:getWsdl>"),
                "text/xml; charset=UTF-8");

        assertThat(answer.faultCode()).as(answer.text()).isEmpty();
        assertThat(answer.contentType()).startsWith("multipart/related");
        assertThat(answer.text()).contains("getWsdlResponse").contains("http://example.org/xroad-endpoint")
                .doesNotContain("172.28.128.2");
    }

    @Test
    void listClientsAnswersXmlOrJsonFromGlobalConfiguration() throws IOException {
        ProxyHarness.Answer xml = ProxyHarness.send(harness.client().newRequest(harness.clientUri("/listClients")));
        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.contentType()).startsWith("text/xml");
        assertThat(xml.text()).contains("clientList").contains("<ns2:name>Consumer</ns2:name>")
                .contains("<ns1:subsystemCode>subsys2</ns1:subsystemCode>");

        ProxyHarness.Answer json = ProxyHarness.send(harness.client().newRequest(harness.clientUri("/listClients?xRoadInstance=EE"))
                .headers(h -> h.put("Accept", "text/xml;q=1, application/json;q=0.9")));
        assertThat(json.contentType()).startsWith("application/json");
        JsonNode members = Json.mapper().readTree(json.body()).get("member");
        assertThat(members).hasSize(4);
        assertThat(members.get(1).toString()).isEqualTo("{\"id\":{\"member_class\":\"BUSINESS\",\"member_code\":\"consumer\","
                + "\"subsystem_code\":\"subsys1\",\"object_type\":\"SUBSYSTEM\",\"xroad_instance\":\"EE\"},\"name\":\"Consumer\"}");
        assertThat(harness.consumerLog.records()).isEmpty();

        ProxyHarness.Answer unknown = ProxyHarness.send(harness.client().newRequest(harness.clientUri("/listClients?xRoadInstance=XX")));
        assertThat(unknown.faultCode()).as(unknown.text()).isPresent();
    }
}
