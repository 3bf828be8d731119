package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;

/**
 * The private parameters of the own instance (versions 2 and 3): anchors of federated instances'
 * external configuration sources, the management services and the time-stamping interval.
 *
 * <p>Immutable. {@link #parse} reads both versions (version 3 adds only trailing extension
 * elements, which are skipped); {@link #toXml} writes the version 3 shape.
 */
public record PrivateParameters(int version, String instanceIdentifier, List<ConfigurationAnchor> federationAnchors,
                                ManagementService managementService, int timeStampingIntervalSeconds) {

    /** Largest private parameters file accepted, in bytes. */
    public static final int MAX_SIZE = 16 * 1024 * 1024;

    public PrivateParameters {
        Objects.requireNonNull(instanceIdentifier);
        federationAnchors = List.copyOf(federationAnchors);
        Objects.requireNonNull(managementService);
    }

    /**
     * Reads a private parameters file of configuration version {@code version}.
     *
     * @throws org.sild.core.fault.XRoadException {@code MalformedGlobalConf} naming the bad element
     */
    public static PrivateParameters parse(byte[] xml, int version) {
        var c = XmlCursor.open(xml, "conf", ErrorCode.MALFORMED_GLOBAL_CONF, "private parameters", MAX_SIZE);
        String instance = c.text("instanceIdentifier");
        if (instance.isEmpty()) {
            throw c.error("empty <instanceIdentifier> in " + c.where());
        }
        List<ConfigurationAnchor> anchors = new ArrayList<>();
        while (c.at("configurationAnchor")) {
            c.enter("configurationAnchor", "configurationAnchor[" + (anchors.size() + 1) + "]");
            anchors.add(AnchorXml.readBody(c));
            c.leave();
        }
        c.enter("managementService");
        String address = c.text("authCertRegServiceAddress");
        if (address.isEmpty()) {
            throw c.error("empty <authCertRegServiceAddress> in " + c.where());
        }
        Optional<X509Certificate> cert = Optional.empty();
        if (c.at("authCertRegServiceCert")) {
            byte[] bytes = c.base64("authCertRegServiceCert");
            cert = bytes.length == 0 ? Optional.empty() : Optional.of(Certificates.tryParse(bytes).orElseThrow(() -> c.error(
                    "<authCertRegServiceCert> in " + c.where() + " is not an X.509 certificate")));
        }
        var provider = c.clientId("managementRequestServiceProviderId");
        c.leave();
        int interval = c.integer("timeStampingIntervalSeconds");
        c.skipExtensions();
        c.close();
        return new PrivateParameters(version, instance, anchors, new ManagementService(address, cert, provider), interval);
    }

    /** The file in the version 3 shape. */
    public byte[] toXml() {
        var out = new XmlOut("conf");
        out.text("instanceIdentifier", instanceIdentifier);
        for (ConfigurationAnchor anchor : federationAnchors) {
            out.start("configurationAnchor");
            AnchorXml.writeBody(out, anchor);
            out.end();
        }
        out.start("managementService").text("authCertRegServiceAddress", managementService.authCertRegServiceAddress());
        managementService.authCertRegServiceCert().ifPresent(
                cert -> out.base64("authCertRegServiceCert", Certificates.encoded(cert)));
        out.id("managementRequestServiceProviderId", managementService.managementRequestServiceProviderId()).end();
        out.text("timeStampingIntervalSeconds", timeStampingIntervalSeconds);
        return out.finish();
    }
}
