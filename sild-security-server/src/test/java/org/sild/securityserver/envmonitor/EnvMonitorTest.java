package org.sild.securityserver.envmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.pki.CertHashes;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapParser;
import org.sild.core.xml.SafeXml;
import org.sild.securityserver.proxy.Soap;
import org.sild.testing.GlobalConfSchemas;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestPki;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The metrics service without the proxies: access, output fields, the limited data set, the
 * histograms and the response's shape, validated against X-Road's {@code monitoring.xsd}
 * (reference/schemas, addons/proxymonitor/common).
 */
class EnvMonitorTest {

    private static final MemberId OWNER = new MemberId("EE", "GOV", "owner");
    private static final MemberId MONITOR = new MemberId("EE", "GOV", "monitor");
    private static final MemberId OTHER = new MemberId("EE", "COM", "other");
    private static final SecurityServerId SELF = new SecurityServerId(OWNER, "ss/1");
    private static final ServiceId METRICS = new ServiceId(OWNER, EnvMonitor.SERVICE_CODE, Optional.empty());
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final String XSD = "src/addons/proxymonitor/common/src/main/resources/monitoring.xsd";

    private static TestPki pki;
    private static IssuedCert auth;
    private static Schema schema;

    private final AtomicLong cpu = new AtomicLong(10);
    private final List<EnvMonitor> monitors = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.builder().instance("EE").build();
        auth = pki.authCert("ss1");
        Path xsd = GlobalConfSchemas.root().resolve(XSD);
        schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd.toFile());
    }

    @AfterEach
    void close() {
        monitors.forEach(EnvMonitor::close);
    }

    private EnvMonitor monitor(boolean limit) {
        var clock = Clock.fixed(T0, ZoneOffset.UTC);
        var m = new EnvMonitor(new EnvMonitorSettings(limit, Duration.ofSeconds(5), 3), clock,
                () -> List.of(new MonitoredCertificate(auth.certificate(), MonitoredCertificate.Type.AUTH_OR_SIGN, true),
                        new MonitoredCertificate(pki.ocspResponder().certificate(),
                                MonitoredCertificate.Type.SECURITY_SERVER_TLS, true)),
                () -> new OsSensor.Reading(cpu.get(), 1000, 2000, 30, 4000));
        monitors.add(m);
        return m;
    }

    private static SoapMessage request(ClientId client, String body) {
        byte[] xml = Soap.envelope(client, METRICS, "env-1", Optional.empty(), body);
        return new SoapParser(SoapLimits.withMaxSoapBytes(1_000_000)).parseRequest(new ByteArrayInputStream(xml),
                Soap.TEXT_XML);
    }

    private static String fields(String... names) {
        var b = new StringBuilder("<m:getSecurityServerMetrics xmlns:m=\"http://x-road.eu/xsd/monitoring\"><m:outputSpec>");
        for (String n : names) {
            b.append("<m:outputField>").append(n).append("</m:outputField>");
        }
        return b.append("</m:outputSpec></m:getSecurityServerMetrics>").toString();
    }

    /** The response body element, validated against monitoring.xsd. */
    private static Element body(byte[] envelope) throws Exception {
        Document doc = SafeXml.documentBuilder().parse(new ByteArrayInputStream(envelope));
        Element response = (Element) doc.getElementsByTagNameNS(MetricsXml.NAMESPACE,
                "getSecurityServerMetricsResponse").item(0);
        assertThat(response).isNotNull();
        var copy = SafeXml.documentBuilder().newDocument();
        copy.appendChild(copy.importNode(response, true));
        var out = new java.io.StringWriter();
        SafeXml.transformerFactory().newTransformer().transform(new javax.xml.transform.dom.DOMSource(copy),
                new javax.xml.transform.stream.StreamResult(out));
        schema.newValidator().validate(new StreamSource(new java.io.StringReader(out.toString())));
        return response;
    }

    /** The names of {@code systemMetrics}' direct children. */
    private static List<String> systemNames(Element response) {
        Element system = childSet(firstSet(response), "systemMetrics");
        return names(system);
    }

    private static Element firstSet(Element parent) {
        return (Element) parent.getElementsByTagNameNS(MetricsXml.NAMESPACE, "metricSet").item(0);
    }

    private static Element childSet(Element set, String name) {
        for (var n = set.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals("metricSet") && name(e).equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no set " + name);
    }

    private static String name(Element metric) {
        return metric.getElementsByTagNameNS(MetricsXml.NAMESPACE, "name").item(0).getTextContent();
    }

    private static List<String> names(Element set) {
        var out = new ArrayList<String>();
        for (var n = set.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !e.getLocalName().equals("name")) {
                out.add(name(e));
            }
        }
        return out;
    }

    @Test
    void theOwnerGetsEverySystemMetricInASetNamedAsXRoadNamesTheServer() throws Exception {
        String body = "<m:getSecurityServerMetrics xmlns:m=\"http://x-road.eu/xsd/monitoring\"/>";
        byte[] envelope = monitor(false).answer(request(OWNER, body), SELF, Optional.empty());
        Element response = body(envelope);

        Element top = firstSet(response);
        assertThat(name(top)).isEqualTo("SERVER:EE/GOV/owner/ss/1");
        assertThat(names(top)).containsExactly("proxyVersion", "systemMetrics");
        assertThat(systemNames(response)).contains("OperatingSystem", "TotalPhysicalMemory", "TotalSwapSpace",
                "MaxFileDescriptorCount", "DiskSpaceTotal_/", "DiskSpaceFree_/", "SystemCpuLoad", "FreePhysicalMemory",
                "FreeSwapSpace", "OpenFileDescriptorCount", "CommittedVirtualMemory", "Processes", "Xroad Processes",
                "Packages", "Certificates");
        String xml = new String(envelope, StandardCharsets.UTF_8);
        assertThat(xml).contains("<xroad:id>env-1</xroad:id>").contains("<m:histogramMetric><m:name>SystemCpuLoad</m:name>"
                + "<m:updated>2026-01-02T03:04:05Z</m:updated><m:min>10</m:min><m:max>10</m:max>");
        Element own = childSet(childSet(firstSet(response), "systemMetrics"), "Xroad Processes");
        assertThat(names(own)).contains(Long.toString(ProcessHandle.current().pid()));
        Element self = childSet(own, Long.toString(ProcessHandle.current().pid()));
        assertThat(names(self)).containsExactly("processId", "command", "cpuLoad", "memUsed", "startTime", "userId");
        assertThat(names(childSet(childSet(firstSet(response), "systemMetrics"), "Packages")))
                .contains("sild-core", "sild-security-server", "jetty-server", "java");
    }

    @Test
    void certificatesAreSetsNamedByTheirSha1Hash() throws Exception {
        Element response = body(monitor(false).answer(request(OWNER, fields("Certificates")), SELF, Optional.empty()));
        Element certificates = childSet(childSet(firstSet(response), "systemMetrics"), "Certificates");
        String hash = CertHashes.sha1Hex(auth.certificate());
        assertThat(names(certificates)).hasSize(2).contains("certificate-" + hash);
        Element one = childSet(certificates, "certificate-" + hash);
        assertThat(names(one)).containsExactly("sha1Hash", "notBefore", "notAfter", "certificateType", "active");
        assertThat(one.getTextContent()).contains(hash).contains("AUTH_OR_SIGN").contains("true")
                .contains(auth.certificate().getNotAfter().toInstant().toString());
    }

    @Test
    void outputFieldsSelectTheSystemMetrics() throws Exception {
        Element response = body(monitor(false).answer(request(OWNER, fields("OperatingSystem", "TotalPhysicalMemory")),
                SELF, Optional.empty()));
        assertThat(systemNames(response)).containsExactly("OperatingSystem", "TotalPhysicalMemory");
    }

    @Test
    void theMonitoringClientIsAllowedAndSeesEverythingUnlessTheDataSetIsLimited() throws Exception {
        Element full = body(monitor(false).answer(request(MONITOR, fields()), SELF, Optional.of(MONITOR)));
        assertThat(systemNames(full)).contains("Processes", "SystemCpuLoad", "Certificates");

        Element limited = body(monitor(true).answer(request(MONITOR, fields()), SELF, Optional.of(MONITOR)));
        assertThat(names(firstSet(limited))).containsExactly("proxyVersion", "systemMetrics");
        assertThat(systemNames(limited)).containsExactlyInAnyOrder("OperatingSystem", "Certificates");

        Element owner = body(monitor(true).answer(request(OWNER, fields()), SELF, Optional.of(MONITOR)));
        assertThat(systemNames(owner)).contains("Processes", "SystemCpuLoad", "Packages");
    }

    @Test
    void anyOtherCallerIsDenied() {
        for (ClientId caller : List.of(OTHER, OWNER.subsystem("sub"))) {
            assertThatThrownBy(() -> monitor(false).answer(request(caller, fields()), SELF, Optional.of(MONITOR)))
                    .isInstanceOfSatisfying(XRoadException.class, e -> {
                        assertThat(e.code().toString()).isEqualTo("AccessDenied");
                        assertThat(e.getMessage()).startsWith("Request is not allowed: ");
                    });
        }
    }

    @Test
    void tooManyOutputFieldsAreAnInvalidRequest() {
        String[] many = new String[MetricsXml.MAX_OUTPUT_FIELDS + 1];
        java.util.Arrays.fill(many, "OperatingSystem");
        assertThatThrownBy(() -> monitor(false).answer(request(OWNER, fields(many)), SELF, Optional.empty()))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code().toString()).isEqualTo("InvalidRequest"));
    }

    @Test
    void unreadableMetricsAreAnInternalError() {
        var broken = new EnvMonitor(EnvMonitorSettings.defaults(), Clock.fixed(T0, ZoneOffset.UTC),
                () -> {
                    throw new IllegalStateException("token closed");
                }, () -> new OsSensor.Reading(1, 1, 1, 1, 1));
        monitors.add(broken);
        assertThatThrownBy(() -> broken.answer(request(OWNER, fields("Certificates")), SELF, Optional.empty()))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code().toString()).isEqualTo("InternalError");
                    assertThat(e.getMessage()).startsWith("Unable to read metrics");
                });
    }

    @Test
    void histogramsCoverTheLastSamplesOnly() {
        EnvMonitor m = monitor(false);
        for (long v : new long[] {20, 30, 40}) {
            cpu.set(v);
            m.sampler().sample();
        }
        Metric.Histogram h = m.sampler().histograms().stream().map(Metric.Histogram.class::cast)
                .filter(x -> x.name().equals("SystemCpuLoad")).findFirst().orElseThrow();
        assertThat(h.min()).isEqualTo(20);      // 10, the first sample, has left the window of 3
        assertThat(h.max()).isEqualTo(40);
        assertThat(h.mean()).isEqualTo(30.0);
        assertThat(h.median()).isEqualTo(30.0);
        assertThat(h.stddev()).isEqualTo(10.0);
    }

    @Test
    void claimsOnlyTheOwnersUnversionedService() {
        assertThat(EnvMonitor.claims(METRICS, SELF)).isTrue();
        assertThat(EnvMonitor.claims(new ServiceId(OWNER, EnvMonitor.SERVICE_CODE, Optional.of("v1")), SELF)).isFalse();
        assertThat(EnvMonitor.claims(new ServiceId(OTHER, EnvMonitor.SERVICE_CODE, Optional.empty()), SELF)).isFalse();
        assertThat(EnvMonitor.claims(new ServiceId(OWNER.subsystem("s"), EnvMonitor.SERVICE_CODE, Optional.empty()),
                SELF)).isFalse();
    }
}
