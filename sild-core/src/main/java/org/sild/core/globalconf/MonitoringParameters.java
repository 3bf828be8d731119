package org.sild.core.globalconf;

import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.ClientId;

/**
 * The optional MONITORING part: the client allowed to query operational monitoring data from
 * every security server of the instance. An empty {@code monitoringClient} element is valid and
 * names no client. Immutable.
 */
public record MonitoringParameters(Optional<ClientId> monitoringClientId) {

    /** Largest file accepted, in bytes. */
    public static final int MAX_SIZE = 64 * 1024;

    public MonitoringParameters {
        Objects.requireNonNull(monitoringClientId);
    }

    /**
     * Reads a {@code monitoring-params.xml}.
     *
     * @throws org.sild.core.fault.XRoadException {@code MalformedOptionalPartsConf} naming the bad element
     */
    public static MonitoringParameters parse(byte[] xml) {
        var c = XmlCursor.open(xml, "conf", ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF, "monitoring parameters", MAX_SIZE);
        c.enter("monitoringClient");
        Optional<ClientId> client = c.at("monitoringClientId") ? Optional.of(c.clientId("monitoringClientId"))
                : Optional.empty();
        c.leave();
        c.close();
        return new MonitoringParameters(client);
    }

    public byte[] toXml() {
        var out = new XmlOut("conf");
        out.start("monitoringClient");
        monitoringClientId.ifPresent(id -> out.id("monitoringClientId", id));
        out.end();
        return out.finish();
    }
}
