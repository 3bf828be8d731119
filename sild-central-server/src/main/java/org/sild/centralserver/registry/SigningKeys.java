package org.sild.centralserver.registry;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sild.centralserver.registry.SigningKeyRecord.Kind;
import org.sild.centralserver.registry.SigningKeyRecord.State;
import org.sild.core.pki.CertHashes;

/**
 * The configuration signing key records of the {@link Registry}: key id, kind, state and
 * certificate (the private keys are files the publisher keeps). The first key of a kind becomes
 * active; later ones are announced, then activated (the active one becomes inactive), and
 * inactive or announced keys can be deleted. Thread-safe.
 */
public final class SigningKeys {

    /** What a key id may look like: it also names the key's file. */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Registry registry;

    SigningKeys(Registry registry) {
        this.registry = registry;
    }

    /** Every key, oldest first. */
    public List<SigningKeyRecord> list() {
        return registry.read(SigningKeys::load);
    }

    public Optional<SigningKeyRecord> get(String keyId) {
        return list().stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    /** The key signing {@code kind} configuration, if there is one. */
    public Optional<SigningKeyRecord> active(Kind kind) {
        return list().stream().filter(k -> k.kind() == kind && k.state() == State.ACTIVE).findFirst();
    }

    /** Records a new key: active when {@code kind} has no active key, announced otherwise. */
    public SigningKeyRecord add(String keyId, Kind kind, X509Certificate cert) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw RegistryException.invalid("keyId", "key id '" + keyId + "' must match " + KEY_ID.pattern());
        }
        return registry.change(tx -> {
            if (tx.exists("SELECT 1 FROM signing_key WHERE key_id = ?", keyId)) {
                throw RegistryException.conflict("keyId", "signing key " + keyId + " exists already");
            }
            boolean first = !tx.exists("SELECT 1 FROM signing_key WHERE kind = ? AND state = 'ACTIVE'", kind.name());
            State state = first ? State.ACTIVE : State.ANNOUNCED;
            tx.update("INSERT INTO signing_key (key_id, kind, state, certificate, created_at, activated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", keyId, kind.name(), state.name(), Checks.der(cert), tx.now(),
                    first ? Optional.of(tx.now()) : Optional.empty());
            tx.audit("signing-key.add", "KEY:" + keyId, "kind", kind, "state", state, "sha256",
                    CertHashes.sha256Hex(cert));
            return find(tx, keyId);
        });
    }

    /** Makes announced key {@code keyId} the active one of its kind; the previously active key becomes inactive. */
    public SigningKeyRecord activate(String keyId) {
        return registry.change(tx -> {
            SigningKeyRecord key = find(tx, keyId);
            if (key.state() != State.ANNOUNCED) {
                throw RegistryException.conflict("keyId", "signing key " + keyId + " is " + key.state()
                        + "; only an announced key can be activated");
            }
            tx.update("UPDATE signing_key SET state = 'INACTIVE' WHERE kind = ? AND state = 'ACTIVE'",
                    key.kind().name());
            tx.update("UPDATE signing_key SET state = 'ACTIVE', activated_at = ? WHERE key_id = ?", tx.now(), keyId);
            tx.audit("signing-key.activate", "KEY:" + keyId, "kind", key.kind());
            return find(tx, keyId);
        });
    }

    /** Deletes the record of a key that is not active. */
    public void remove(String keyId) {
        registry.change(tx -> {
            SigningKeyRecord key = find(tx, keyId);
            if (key.state() == State.ACTIVE) {
                throw RegistryException.conflict("keyId", "signing key " + keyId
                        + " is active; activate another key of its kind first");
            }
            tx.update("DELETE FROM signing_key WHERE key_id = ?", keyId);
            tx.audit("signing-key.remove", "KEY:" + keyId, "kind", key.kind(), "state", key.state());
            return null;
        });
    }

    private static SigningKeyRecord find(Tx tx, String keyId) throws SQLException {
        return load(tx).stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> RegistryException.notFound("keyId", "no signing key " + keyId));
    }

    static List<SigningKeyRecord> load(Tx tx) throws SQLException {
        return tx.query("SELECT key_id, kind, state, certificate, created_at, activated_at FROM signing_key"
                + " ORDER BY created_at, key_id", rs -> new SigningKeyRecord(rs.getString(1),
                        Kind.valueOf(rs.getString(2)), State.valueOf(rs.getString(3)),
                        Checks.certificate("certificate", rs.getBytes(4)), Tx.instant(rs, "created_at"),
                        Tx.optionalInstant(rs, "activated_at")));
    }
}
