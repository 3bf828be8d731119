package org.sild.trustservices.ca;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.CertHashes;
import org.sild.core.pki.Certificates;
import org.sild.runtime.store.Store;

/**
 * The CA's certificates in a relational {@link Store} (table {@code ca_certificate}, migrations in
 * {@code db/trustservices}), scoped to one CA certificate: certificates another CA issued into the
 * same database are invisible. Serial numbers are unique across the table.
 *
 * <p>Thread-safe; each call is one transaction. A revocation is a single conditional update, so two
 * concurrent revocations of one certificate cannot both succeed.
 */
public final class SqlCertificateRepository implements CertificateRepository {

    /** Classpath location of the migrations for {@link Store.Builder#migrations}. */
    public static final String MIGRATIONS = "db/trustservices";

    private static final String COLUMNS =
            "serial_number, cert_type, issued_at, certificate, revoked_at, revocation_reason";

    private final Store store;
    private final String issuerId;

    /** The certificates {@code ca} issued, in {@code store} (migrated from {@link #MIGRATIONS}). */
    public SqlCertificateRepository(Store store, X509Certificate ca) {
        this.store = Objects.requireNonNull(store, "store");
        this.issuerId = CertHashes.sha256Hex(ca);
    }

    @Override
    public boolean add(IssuedCertificate issued) {
        X509Certificate cert = issued.certificate();
        try {
            return store.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ca_certificate (serial_number, issuer_id,"
                        + " cert_type, subject, not_before, not_after, issued_at, certificate)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    s.setString(1, issued.serialNumber().toString());
                    s.setString(2, issuerId);
                    s.setString(3, issued.type().shortName());
                    s.setString(4, cert.getSubjectX500Principal().getName());
                    s.setObject(5, time(cert.getNotBefore().toInstant()));
                    s.setObject(6, time(cert.getNotAfter().toInstant()));
                    s.setObject(7, time(issued.issuedAt()));
                    s.setBytes(8, Certificates.encoded(cert));
                    return s.executeUpdate() == 1;
                }
            });
        } catch (XRoadException e) {
            if (Store.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<IssuedCertificate> find(BigInteger serial) {
        return store.withConnection(c -> find(c, serial));
    }

    @Override
    public List<IssuedCertificate> list() {
        return store.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM ca_certificate WHERE issuer_id = ? ORDER BY issued_at, serial_number")) {
                s.setString(1, issuerId);
                try (ResultSet rs = s.executeQuery()) {
                    var all = new ArrayList<IssuedCertificate>();
                    while (rs.next()) {
                        all.add(read(rs));
                    }
                    return all;
                }
            }
        });
    }

    @Override
    public boolean revoke(BigInteger serial, Revocation revocation) {
        return store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE ca_certificate SET revoked_at = ?,"
                    + " revocation_reason = ? WHERE serial_number = ? AND issuer_id = ? AND revoked_at IS NULL")) {
                s.setObject(1, time(revocation.time()));
                s.setInt(2, revocation.reason().code());
                s.setString(3, serial.toString());
                s.setString(4, issuerId);
                return s.executeUpdate() == 1;
            }
        });
    }

    private Optional<IssuedCertificate> find(Connection c, BigInteger serial) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM ca_certificate WHERE serial_number = ? AND issuer_id = ?")) {
            s.setString(1, serial.toString());
            s.setString(2, issuerId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static IssuedCertificate read(ResultSet rs) throws SQLException {
        String serial = rs.getString("serial_number");
        CertificateType type = CertificateType.byShortName(rs.getString("cert_type"))
                .orElseThrow(() -> corrupt(serial, "certificate type"));
        X509Certificate cert = Certificates.parseDer(rs.getBytes("certificate"));
        Instant issuedAt = rs.getObject("issued_at", OffsetDateTime.class).toInstant();
        OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
        Optional<Revocation> revocation = Optional.empty();
        if (revokedAt != null) {
            RevocationReason reason = RevocationReason.byCode(rs.getInt("revocation_reason"))
                    .orElseThrow(() -> corrupt(serial, "revocation reason"));
            revocation = Optional.of(new Revocation(revokedAt.toInstant(), reason));
        }
        return new IssuedCertificate(cert, type, issuedAt, revocation);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static XRoadException corrupt(String serial, String what) {
        return new XRoadException(ErrorCode.DATABASE_ERROR, "Certificate " + serial + " has an unknown " + what
                + " in the store");
    }
}
