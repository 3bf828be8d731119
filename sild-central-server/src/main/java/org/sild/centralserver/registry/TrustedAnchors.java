package org.sild.centralserver.registry;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;

/**
 * The trusted anchors of the {@link Registry}: federated instances' external configuration
 * anchors, published in private parameters so that this instance's security servers download
 * those instances' shared parameters. Uploading an anchor of an instance already trusted replaces
 * it. Thread-safe.
 */
public final class TrustedAnchors {

    private final Registry registry;

    TrustedAnchors(Registry registry) {
        this.registry = registry;
    }

    /** Every trusted anchor, ordered by instance. */
    public List<TrustedAnchor> list() {
        return registry.read(TrustedAnchors::load);
    }

    /**
     * Trusts the instance whose external anchor {@code xml} is (or replaces its anchor).
     *
     * @throws RegistryException when the file is not an anchor, is this instance's own, or has a
     *         source without a download URL or verification certificate
     */
    public TrustedAnchor add(byte[] xml) {
        if (xml.length == 0 || xml.length > ConfigurationAnchor.MAX_SIZE) {
            throw RegistryException.invalid("anchor", "an anchor file has 1.." + ConfigurationAnchor.MAX_SIZE
                    + " bytes, not " + xml.length);
        }
        ConfigurationAnchor anchor;
        try {
            anchor = ConfigurationAnchor.parse(xml);
        } catch (XRoadException e) {
            throw RegistryException.invalid("anchor", "not a configuration anchor: " + e.getMessage());
        }
        String instance = Checks.text("instanceIdentifier", anchor.instanceIdentifier(), 255);
        if (instance.equals(registry.instance())) {
            throw RegistryException.invalid("anchor", "the anchor is of this instance (" + instance
                    + "); trusted anchors are other instances'");
        }
        if (anchor.sources().isEmpty() || anchor.sources().stream().anyMatch(s -> s.downloadUrl().isBlank()
                || s.certificates().isEmpty())) {
            throw RegistryException.invalid("anchor", "every source of the anchor of " + instance
                    + " needs a download URL and a verification certificate");
        }
        String hash = ConfigurationAnchor.fileHash(xml);
        return registry.change(tx -> {
            boolean replaced = tx.update("DELETE FROM trusted_anchor WHERE instance_identifier = ?", instance) > 0;
            tx.update("INSERT INTO trusted_anchor (instance_identifier, anchor_xml, file_hash, uploaded_at)"
                    + " VALUES (?, ?, ?, ?)", instance, xml, hash, tx.now());
            tx.audit(replaced ? "trusted-anchor.replace" : "trusted-anchor.add", "INSTANCE:" + instance,
                    "fileHash", hash, "sources", anchor.sources().size());
            return new TrustedAnchor(instance, xml, hash, anchor, tx.now());
        });
    }

    public void remove(String instance) {
        registry.change(tx -> {
            if (tx.update("DELETE FROM trusted_anchor WHERE instance_identifier = ?", instance) == 0) {
                throw RegistryException.notFound("instance", "no trusted anchor of instance " + instance);
            }
            tx.audit("trusted-anchor.remove", "INSTANCE:" + instance);
            return null;
        });
    }

    public Optional<TrustedAnchor> get(String instance) {
        return list().stream().filter(a -> a.instance().equals(instance)).findFirst();
    }

    static List<TrustedAnchor> load(Tx tx) throws SQLException {
        return tx.query("SELECT instance_identifier, anchor_xml, file_hash, uploaded_at FROM trusted_anchor"
                + " ORDER BY instance_identifier", rs -> new TrustedAnchor(rs.getString(1), rs.getBytes(2),
                        rs.getString(3), ConfigurationAnchor.parse(rs.getBytes(2)), Tx.instant(rs, "uploaded_at")));
    }
}
