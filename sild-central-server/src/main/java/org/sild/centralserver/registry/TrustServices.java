package org.sild.centralserver.registry;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.pki.CertHashes;

/**
 * The approved certification authorities (top CA certificate, intermediate CAs, OCSP responders
 * with URL and optional signing certificate, the certificate profile class, the
 * authentication-only flag) and time-stamping authorities (name, URL, certificate) of the
 * {@link Registry}. ACME servers, default CSR formats and cost types are not kept: the published
 * configuration leaves them out. Thread-safe.
 */
public final class TrustServices {

    /** Most intermediate CAs per CA, and OCSP responders per CA certificate. */
    public static final int MAX_ENTRIES = 20;

    private final Registry registry;

    TrustServices(Registry registry) {
        this.registry = registry;
    }

    /** Every approved CA, ordered by id. */
    public List<RegisteredCa> cas() {
        return registry.read(tx -> loadCas(tx, Optional.empty()));
    }

    public Optional<RegisteredCa> ca(long id) {
        return registry.read(tx -> loadCas(tx, Optional.of(id))).stream().findFirst();
    }

    /** Approves {@code ca}; its name and top CA certificate must be new. */
    public RegisteredCa addCa(ApprovedCa ca) {
        ApprovedCa checked = check(ca);
        return registry.change(tx -> {
            requireUnique(tx, checked, Optional.empty());
            long id = tx.insert("INSERT INTO approved_ca (name, certificate, cert_sha256, certificate_profile_info,"
                    + " authentication_only, created_at) VALUES (?, ?, ?, ?, ?, ?)", checked.name(),
                    Checks.der(checked.topCa().cert()), CertHashes.sha256Hex(checked.topCa().cert()),
                    checked.certificateProfileInfo(), checked.isAuthenticationOnly(), tx.now());
            writeCaCertificates(tx, id, checked);
            tx.audit("ca.add", "CA:" + id, "name", checked.name(), "sha256",
                    CertHashes.sha256Hex(checked.topCa().cert()), "certificateProfileInfo",
                    checked.certificateProfileInfo(), "intermediateCas", checked.intermediateCas().size());
            return loadCas(tx, Optional.of(id)).getFirst();
        });
    }

    /** Replaces CA {@code id}'s description (intermediate CAs, responders, profile, name) with {@code ca}. */
    public RegisteredCa replaceCa(long id, ApprovedCa ca) {
        ApprovedCa checked = check(ca);
        return registry.change(tx -> {
            requireCa(tx, id);
            requireUnique(tx, checked, Optional.of(id));
            tx.update("UPDATE approved_ca SET name = ?, certificate = ?, cert_sha256 = ?, certificate_profile_info = ?,"
                    + " authentication_only = ? WHERE id = ?", checked.name(), Checks.der(checked.topCa().cert()),
                    CertHashes.sha256Hex(checked.topCa().cert()), checked.certificateProfileInfo(),
                    checked.isAuthenticationOnly(), id);
            tx.update("DELETE FROM ocsp_responder WHERE ca_id = ?", id);
            tx.update("DELETE FROM ca_certificate WHERE ca_id = ?", id);
            writeCaCertificates(tx, id, checked);
            tx.audit("ca.change", "CA:" + id, "name", checked.name(), "certificateProfileInfo",
                    checked.certificateProfileInfo(), "intermediateCas", checked.intermediateCas().size());
            return loadCas(tx, Optional.of(id)).getFirst();
        });
    }

    public void removeCa(long id) {
        registry.change(tx -> {
            requireCa(tx, id);
            tx.update("DELETE FROM approved_ca WHERE id = ?", id);
            tx.audit("ca.remove", "CA:" + id);
            return null;
        });
    }

    /** Every approved TSA, ordered by id. */
    public List<RegisteredTsa> tsas() {
        return registry.read(TrustServices::loadTsas);
    }

    /** Approves the RFC 3161 TSA {@code tsa}; its name must be new. */
    public RegisteredTsa addTsa(ApprovedTsa tsa) {
        String name = Checks.text("name", tsa.name(), 255);
        String url = Checks.url("url", tsa.url());
        return registry.change(tx -> {
            if (tx.exists("SELECT 1 FROM approved_tsa WHERE name = ?", name)) {
                throw RegistryException.conflict("name", "a TSA named " + name + " exists already");
            }
            long id = tx.insert("INSERT INTO approved_tsa (name, url, certificate, created_at) VALUES (?, ?, ?, ?)",
                    name, url, Checks.der(tsa.cert()), tx.now());
            tx.audit("tsa.add", "TSA:" + id, "name", name, "url", url, "sha256", CertHashes.sha256Hex(tsa.cert()));
            return loadTsas(tx).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
        });
    }

    public void removeTsa(long id) {
        registry.change(tx -> {
            if (tx.update("DELETE FROM approved_tsa WHERE id = ?", id) == 0) {
                throw RegistryException.notFound("id", "no approved TSA " + id);
            }
            tx.audit("tsa.remove", "TSA:" + id);
            return null;
        });
    }

    private static ApprovedCa check(ApprovedCa ca) {
        String name = Checks.text("name", ca.name(), 255);
        String profile = Checks.className("certificateProfileInfo", ca.certificateProfileInfo());
        if (ca.intermediateCas().size() > MAX_ENTRIES) {
            throw RegistryException.invalid("intermediateCas", "at most " + MAX_ENTRIES + " intermediate CAs");
        }
        var all = new ArrayList<ApprovedCa.CaInfo>();
        for (ApprovedCa.CaInfo info : ca.allCas()) {
            if (info.ocspResponders().size() > MAX_ENTRIES) {
                throw RegistryException.invalid("ocspResponders", "at most " + MAX_ENTRIES + " OCSP responders per CA");
            }
            all.add(new ApprovedCa.CaInfo(info.cert(), info.ocspResponders().stream()
                    .map(r -> new ApprovedCa.OcspResponder(Checks.url("ocspResponders.url", r.url()), r.cert(),
                            Optional.empty())).toList()));
        }
        if (all.stream().map(i -> CertHashes.sha256Hex(i.cert())).distinct().count() != all.size()) {
            throw RegistryException.invalid("intermediateCas", "a CA certificate is listed twice");
        }
        return new ApprovedCa(name, Optional.of(ca.isAuthenticationOnly()), all.getFirst(), all.subList(1, all.size()),
                profile, Optional.empty(), Optional.empty());
    }

    private static void requireUnique(Tx tx, ApprovedCa ca, Optional<Long> except) throws SQLException {
        long self = except.orElse(-1L);
        if (tx.exists("SELECT 1 FROM approved_ca WHERE name = ? AND id <> ?", ca.name(), self)) {
            throw RegistryException.conflict("name", "an approved CA named " + ca.name() + " exists already");
        }
        if (tx.exists("SELECT 1 FROM approved_ca WHERE cert_sha256 = ? AND id <> ?",
                CertHashes.sha256Hex(ca.topCa().cert()), self)) {
            throw RegistryException.conflict("certificate", "the CA certificate "
                    + ca.topCa().cert().getSubjectX500Principal().getName() + " is approved already");
        }
    }

    private static void requireCa(Tx tx, long id) throws SQLException {
        if (!tx.exists("SELECT 1 FROM approved_ca WHERE id = ?", id)) {
            throw RegistryException.notFound("id", "no approved CA " + id);
        }
    }

    private static void writeCaCertificates(Tx tx, long id, ApprovedCa ca) throws SQLException {
        List<ApprovedCa.CaInfo> all = ca.allCas();
        for (int position = 0; position < all.size(); position++) {
            ApprovedCa.CaInfo info = all.get(position);
            tx.update("INSERT INTO ca_certificate (ca_id, ca_position, certificate) VALUES (?, ?, ?)", id, position,
                    Checks.der(info.cert()));
            for (int r = 0; r < info.ocspResponders().size(); r++) {
                ApprovedCa.OcspResponder responder = info.ocspResponders().get(r);
                tx.update("INSERT INTO ocsp_responder (ca_id, ca_position, responder_index, url, certificate)"
                        + " VALUES (?, ?, ?, ?, ?)", id, position, r, responder.url(),
                        responder.cert().map(Checks::der));
            }
        }
    }

    /** Every certificate of every approved CA (top and intermediate), to find the issuer of a certificate. */
    static List<X509Certificate> caCertificates(Tx tx) throws SQLException {
        return tx.query("SELECT certificate FROM ca_certificate ORDER BY ca_id, ca_position",
                rs -> Checks.certificate("certificate", rs.getBytes(1)));
    }

    static List<RegisteredCa> loadCas(Tx tx, Optional<Long> only) throws SQLException {
        String where = only.isPresent() ? " WHERE ca_id = ?" : "";
        Object[] params = only.map(id -> new Object[] {id}).orElse(new Object[0]);
        Map<String, List<ApprovedCa.OcspResponder>> responders = new HashMap<>();
        tx.query("SELECT ca_id, ca_position, url, certificate FROM ocsp_responder" + where
                + " ORDER BY ca_id, ca_position, responder_index", rs -> responders.computeIfAbsent(
                        rs.getLong(1) + "/" + rs.getInt(2), k -> new ArrayList<>()).add(new ApprovedCa.OcspResponder(
                        rs.getString(3), Optional.ofNullable(rs.getBytes(4)).map(b -> Checks.certificate("ocsp", b)),
                        Optional.empty())), params);
        Map<Long, List<ApprovedCa.CaInfo>> certs = new HashMap<>();
        tx.query("SELECT ca_id, ca_position, certificate FROM ca_certificate" + where + " ORDER BY ca_id, ca_position",
                rs -> certs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ApprovedCa.CaInfo(
                        Checks.certificate("certificate", rs.getBytes(3)),
                        responders.getOrDefault(rs.getLong(1) + "/" + rs.getInt(2), List.of()))), params);
        return tx.query("SELECT id, name, certificate_profile_info, authentication_only, created_at FROM approved_ca"
                + where.replace("ca_id", "id") + " ORDER BY id", rs -> {
                    List<ApprovedCa.CaInfo> infos = certs.get(rs.getLong(1));
                    var ca = new ApprovedCa(rs.getString(2), Optional.of(rs.getBoolean(4)), infos.getFirst(),
                            infos.subList(1, infos.size()), rs.getString(3), Optional.empty(), Optional.empty());
                    return new RegisteredCa(rs.getLong(1), ca, Tx.instant(rs, "created_at"));
                }, params);
    }

    static List<RegisteredTsa> loadTsas(Tx tx) throws SQLException {
        return tx.query("SELECT id, name, url, certificate, created_at FROM approved_tsa ORDER BY id",
                rs -> new RegisteredTsa(rs.getLong(1), new ApprovedTsa(rs.getString(2), rs.getString(3),
                        Checks.certificate("certificate", rs.getBytes(4)), Optional.empty()),
                        Tx.instant(rs, "created_at")));
    }
}
