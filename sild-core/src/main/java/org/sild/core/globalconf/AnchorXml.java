package org.sild.core.globalconf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code ConfigurationAnchorType} content, shared by anchor files and private parameters. */
final class AnchorXml {

    private AnchorXml() {
    }

    /** Reads generatedAt?, instanceIdentifier, source+ inside the element the cursor has entered. */
    static ConfigurationAnchor readBody(XmlCursor c) {
        Optional<Instant> generatedAt = c.at("generatedAt") ? Optional.of(c.dateTime("generatedAt"))
                : Optional.empty();
        String instance = c.text("instanceIdentifier");
        if (instance.isEmpty()) {
            throw c.error("empty <instanceIdentifier> in " + c.where());
        }
        List<ConfigurationSource> sources = new ArrayList<>();
        while (c.at("source")) {
            c.enter("source", "source[" + (sources.size() + 1) + "]");
            String url = c.text("downloadURL");
            if (url.isEmpty()) {
                throw c.error("empty <downloadURL> in " + c.where());
            }
            List<EncodedCertificate> certs = new ArrayList<>();
            while (c.at("verificationCert")) {
                certs.add(new EncodedCertificate(c.base64("verificationCert")));
            }
            if (certs.isEmpty()) {
                throw c.error("missing <verificationCert> in " + c.where());
            }
            c.leave();
            sources.add(new ConfigurationSource(url, certs));
        }
        if (sources.isEmpty()) {
            throw c.error("missing <source> in " + c.where());
        }
        return new ConfigurationAnchor(generatedAt, instance, sources);
    }

    static void writeBody(XmlOut out, ConfigurationAnchor anchor) {
        anchor.generatedAt().ifPresent(t -> out.text("generatedAt", t));
        out.text("instanceIdentifier", anchor.instanceIdentifier());
        for (ConfigurationSource s : anchor.sources()) {
            out.start("source").text("downloadURL", s.downloadUrl());
            s.verificationCerts().forEach(cert -> out.base64("verificationCert", cert.bytes()));
            out.end();
        }
    }
}
