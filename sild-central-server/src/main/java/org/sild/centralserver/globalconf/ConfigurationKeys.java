package org.sild.centralserver.globalconf;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.sild.centralserver.registry.Registry;
import org.sild.centralserver.registry.SigningKeyRecord;
import org.sild.centralserver.registry.SigningKeyRecord.Kind;
import org.sild.centralserver.registry.SigningKeyRecord.State;

/**
 * The configuration signing keys: the registry keeps each key's id, kind, state and certificate;
 * the private keys are PKCS#12 files in a directory, protected by a PIN.
 *
 * <p>Rotation of the internal key (digest/04 §3): {@link #generate} a key, which is announced —
 * listed in the shared parameters' {@code source} and in the anchor beside the active key — so
 * that security servers learn it; after every security server has downloaded a configuration that
 * announces it (at least one validity period), {@link #activate} it: it signs from then on and the
 * old key becomes inactive (no longer published); then distribute the new anchor and
 * {@link #delete} the old key. An external key is announced nowhere (federation partners import
 * the external anchor again after its rotation). Thread-safe; the registry's listeners publish
 * every change.
 */
public final class ConfigurationKeys {

    private final Registry registry;
    private final KeyFiles files;

    /**
     * @param directory where the PKCS#12 files live (created when needed)
     * @param pin       protects the files
     */
    public ConfigurationKeys(Registry registry, Path directory, char[] pin, KeyAlgorithm algorithm, Clock clock,
                             SecureRandom random) {
        this.registry = Objects.requireNonNull(registry);
        this.files = new KeyFiles(directory, pin, algorithm, clock, random);
    }

    /** Every key, oldest first. */
    public List<SigningKeyRecord> list() {
        return registry.signingKeys().list();
    }

    /**
     * Generates a key of {@code kind} for {@code actor}: active when the kind has no active key,
     * announced otherwise.
     */
    public SigningKeyRecord generate(Kind kind, String actor) {
        KeyFiles.Generated key = files.generate(registry.instance(), kind);
        try {
            return registry.as(actor).signingKeys().add(key.keyId(), kind, key.cert());
        } catch (RuntimeException e) {
            files.delete(key.keyId());
            throw e;
        }
    }

    /** Makes announced key {@code keyId} the active one of its kind, for {@code actor}. */
    public SigningKeyRecord activate(String keyId, String actor) {
        if (registry.signingKeys().get(keyId).isPresent()) {
            // A key that cannot sign must not become the active one.
            files.load(keyId);
        }
        return registry.as(actor).signingKeys().activate(keyId);
    }

    /** Deletes a key that is not active, record and file, for {@code actor}. */
    public void delete(String keyId, String actor) {
        registry.as(actor).signingKeys().remove(keyId);
        files.delete(keyId);
    }

    /** Generates an active internal and external key where there is none (a new central server's first start). */
    public void ensureActiveKeys() {
        for (Kind kind : Kind.values()) {
            if (registry.signingKeys().active(kind).isEmpty()) {
                generate(kind, Registry.SYSTEM);
            }
        }
    }

    /** The private key of {@code key}. */
    PrivateKey privateKey(SigningKeyRecord key) {
        return files.load(key.keyId());
    }

    /** The active key of {@code kind} and the announced ones, from one read. */
    static List<SigningKeyRecord> of(List<SigningKeyRecord> all, Kind kind, State state) {
        return all.stream().filter(k -> k.kind() == kind && k.state() == state).toList();
    }
}
