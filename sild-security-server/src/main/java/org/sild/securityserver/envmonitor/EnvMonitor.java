package org.sild.securityserver.envmonitor;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.pki.CertHashes;
import org.sild.core.soap.AnswerEnvelope;
import org.sild.core.soap.SoapMessage;

/**
 * The {@code getSecurityServerMetrics} service the server proxy answers itself (digest 06 §4),
 * addressed to the server's owner member without a version.
 *
 * <p>Access replaces the ACL: the owner and the monitoring client of global configuration may ask,
 * anyone else gets {@code AccessDenied}. The answer is the metric set named after the server with
 * {@code proxyVersion} and {@code systemMetrics}; {@code m:outputField}s of the request select
 * metrics of {@code systemMetrics}; with {@link EnvMonitorSettings#limitRemoteDataSet()} a caller
 * other than the owner receives only {@code Certificates} and {@code OperatingSystem}.
 *
 * <p>Lifecycle: {@link #start} samples the histogram metrics periodically until {@link #close()}.
 * Thread-safe.
 */
public final class EnvMonitor implements AutoCloseable {

    /** The service code. */
    public static final String SERVICE_CODE = "getSecurityServerMetrics";
    /** The content type of the answer's envelope. */
    public static final String CONTENT_TYPE = "text/xml; charset=UTF-8";
    /** The {@code systemMetrics} a caller other than the owner receives when the data set is limited. */
    static final Set<String> LIMITED_DATA_SET = Set.of("Certificates", "OperatingSystem");

    private final EnvMonitorSettings settings;
    private final Clock clock;
    private final Supplier<List<MonitoredCertificate>> certificates;
    private final SystemSampler sampler;

    EnvMonitor(EnvMonitorSettings settings, Clock clock, Supplier<List<MonitoredCertificate>> certificates,
            Supplier<OsSensor.Reading> sensor) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.certificates = Objects.requireNonNull(certificates);
        this.sampler = new SystemSampler(settings, clock, sensor);
    }

    /**
     * Starts the monitor: samples now and every sampling interval. {@code certificates} lists the
     * server's certificates when asked (signer token, internal TLS, information systems' TLS).
     */
    public static EnvMonitor start(EnvMonitorSettings settings, Clock clock,
            Supplier<List<MonitoredCertificate>> certificates) {
        var monitor = new EnvMonitor(settings, clock, certificates, OsSensor::reading);
        monitor.sampler.start();
        return monitor;
    }

    /** Whether {@code service} is this service of the server {@code self}: its owner member, the code, no version. */
    public static boolean claims(ServiceId service, SecurityServerId self) {
        return service.serviceCode().equals(SERVICE_CODE) && service.serviceVersion().isEmpty()
                && service.provider().equals(self.owner());
    }

    /**
     * Answers {@code request} (verified, {@link #claims claimed}) on the server {@code self}: the
     * response envelope, the request's headers echoed, no request hash yet.
     *
     * @throws XRoadException {@code AccessDenied} for a caller other than the owner and the
     *         monitoring client, {@code InvalidRequest} for too many output fields,
     *         {@code InternalError} "Unable to read metrics" when the system cannot be read
     */
    public byte[] answer(SoapMessage request, SecurityServerId self, Optional<ClientId> monitoringClient) {
        ClientId caller = request.header().client();
        boolean owner = caller.equals(self.owner());
        if (!owner && monitoringClient.filter(caller::equals).isEmpty()) {
            throw new XRoadException(ErrorCode.ACCESS_DENIED, "Request is not allowed: " + request.header().service());
        }
        List<String> fields = MetricsXml.outputFields(request.bytes());
        Predicate<String> wanted = name -> (fields.isEmpty() || fields.contains(name))
                && (owner || !settings.limitRemoteDataSet() || LIMITED_DATA_SET.contains(name));
        return AnswerEnvelope.withBody(request.bytes(), MetricsXml.responseBody(metrics(self, wanted)));
    }

    /** The metric set of {@code self} with the {@code systemMetrics} that are {@code wanted}. */
    Metric.Set metrics(SecurityServerId self, Predicate<String> wanted) {
        var system = new ArrayList<Metric>();
        try {
            Instant now = clock.instant();
            if (wanted.test("OperatingSystem")) {
                system.add(new Metric.Text("OperatingSystem", OsSensor.operatingSystem()));
            }
            OsSensor.gauges().stream().filter(m -> wanted.test(m.name())).forEach(system::add);
            sampler.histograms().stream().filter(m -> wanted.test(m.name())).forEach(system::add);
            if (wanted.test("Processes")) {
                system.add(Processes.all(now, OsSensor.totalPhysicalMemory()));
            }
            if (wanted.test("Xroad Processes")) {
                system.add(Processes.sild(now, OsSensor.totalPhysicalMemory()));
            }
            if (wanted.test("Packages")) {
                system.add(Packages.set());
            }
            if (wanted.test("Certificates")) {
                system.add(certificateSet(certificates.get()));
            }
        } catch (XRoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw OsSensor.unreadable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return new Metric.Set(serverName(self), List.of(new Metric.Text("proxyVersion", Packages.proxyVersion()),
                new Metric.Set("systemMetrics", system)));
    }

    /** X-Road's {@code SecurityServerId.toString()}: {@code SERVER:instance/class/member/server}, not encoded. */
    static String serverName(SecurityServerId id) {
        return "SERVER:" + id.owner().instance() + "/" + id.owner().memberClass() + "/" + id.owner().memberCode() + "/"
                + id.serverCode();
    }

    private static Metric.Set certificateSet(List<MonitoredCertificate> certificates) {
        Map<String, Metric> sets = new LinkedHashMap<>();
        for (MonitoredCertificate c : certificates) {
            X509Certificate cert = c.certificate();
            String hash = CertHashes.sha1Hex(cert);
            sets.putIfAbsent(hash, new Metric.Set("certificate-" + hash, List.of(
                    new Metric.Text("sha1Hash", hash),
                    new Metric.Text("notBefore", cert.getNotBefore().toInstant().toString()),
                    new Metric.Text("notAfter", cert.getNotAfter().toInstant().toString()),
                    new Metric.Text("certificateType", c.type().name()),
                    new Metric.Text("active", Boolean.toString(c.active())))));
        }
        return new Metric.Set("Certificates", List.copyOf(sets.values()));
    }

    SystemSampler sampler() {
        return sampler;
    }

    /** Stops sampling. */
    @Override
    public void close() {
        sampler.close();
    }
}
