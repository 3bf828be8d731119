package org.sild.configurationproxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The configuration signing keys of one proxy instance, as files under its key directory: one
 * PKCS#12 file per key ({@code KEYID.p12}: the private key and its self-signed certificate,
 * protected by the instance's PIN) and {@code active}, naming the key that signs. Like X-Road's
 * {@code confproxy-add-signing-key}, a key added while another is active only joins the anchor
 * (and the verification certificates the proxy publishes), so clients learn it before
 * {@link #activate} makes it sign; {@link #remove} ends a rotation.
 *
 * <p>A key id is the upper-case hex SHA-1 of the public key. Files are replaced atomically, so a
 * command changing the keys and a running proxy reading them (it does before every download run)
 * never see half a file. Methods are synchronized; the class holds no key material between calls.
 */
public final class SigningKeys {

    /** Key algorithm of a new signing key: RSA 2048 (X-Road's default) or EC P-256. */
    public enum Algorithm { RSA, EC }

    static final String ACTIVE_FILE = "active";
    private static final String KEY_SUFFIX = ".p12";
    private static final String ALIAS = "signing";
    private static final Pattern KEY_ID = Pattern.compile("[0-9A-F]{40}");
    private static final int MAX_KEY_FILE = 64 * 1024;
    private static final int MAX_KEYS = 100;

    /** A signing key's private half with its certificate, for the signer of one download run. */
    record Active(String id, PrivateKey privateKey, X509Certificate certificate) {
    }

    private final Path directory;
    private final char[] pin;
    private final String commonName;

    private SigningKeys(Path directory, String pin, String commonName) {
        this.directory = Objects.requireNonNull(directory);
        if (pin.isEmpty()) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "the signing keys in " + directory
                    + " need a non-empty PIN");
        }
        this.pin = pin.toCharArray();
        this.commonName = Objects.requireNonNull(commonName);
    }

    /**
     * The keys in {@code directory} (created when the first key is added), protected by
     * {@code pin}; new certificates name {@code commonName}.
     */
    public static SigningKeys open(Path directory, String pin, String commonName) {
        return new SigningKeys(directory, pin, commonName);
    }

    /** The directory holding the key files. */
    public Path directory() {
        return directory;
    }

    /**
     * Every key, the active one first, the others in the order they were created.
     *
     * @throws XRoadException {@code KeyNotAvailable} when a key file cannot be read (wrong PIN, damaged file)
     */
    public synchronized List<SigningKeyInfo> list() {
        Optional<String> active = activeId();
        var keys = new ArrayList<SigningKeyInfo>();
        for (String id : ids()) {
            X509Certificate cert = load(id).certificate();
            keys.add(new SigningKeyInfo(id, cert, active.filter(id::equals).isPresent()));
        }
        keys.sort(Comparator.comparing((SigningKeyInfo k) -> !k.active())
                .thenComparing(k -> k.certificate().getNotBefore()).thenComparing(SigningKeyInfo::id));
        return List.copyOf(keys);
    }

    /** The certificates of every key, the active key's first: what anchors and shared parameters list. */
    public synchronized List<X509Certificate> certificates() {
        return list().stream().map(SigningKeyInfo::certificate).toList();
    }

    /**
     * Adds a new key with a self-signed certificate. It becomes the active key when
     * {@code activate} is set or no key is active yet; otherwise it is only announced.
     */
    public synchronized SigningKeyInfo add(Algorithm algorithm, boolean activate, Clock clock, SecureRandom random) {
        if (ids().size() >= MAX_KEYS) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, directory + " already holds " + MAX_KEYS
                    + " signing keys; remove some first");
        }
        var generated = SelfSignedKeys.generate(algorithm, commonName, clock, random);
        String id = idOf(generated.certificate());
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, generated.privateKey(), pin, new X509Certificate[] {generated.certificate()});
            var out = new ByteArrayOutputStream();
            store.store(out, pin);
            write(directory.resolve(id + KEY_SUFFIX), out.toByteArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot store a new signing key in " + directory
                    + ": " + e.getMessage(), e);
        }
        boolean makeActive = activate || activeId().filter(a -> Files.exists(file(a))).isEmpty();
        if (makeActive) {
            write(directory.resolve(ACTIVE_FILE), (id + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return new SigningKeyInfo(id, generated.certificate(), makeActive);
    }

    /** The active key, adding one (RSA) first when there is none: what a first start does. */
    public synchronized SigningKeyInfo ensureKey(Clock clock, SecureRandom random) {
        if (activeId().filter(id -> Files.exists(file(id))).isPresent()) {
            return list().getFirst();
        }
        return add(Algorithm.RSA, true, clock, random);
    }

    /**
     * Makes key {@code id} sign from the next download run on.
     *
     * @throws XRoadException {@code KeyNotFound} when there is no such key
     */
    public synchronized void activate(String id) {
        requireKey(id);
        load(id);
        write(directory.resolve(ACTIVE_FILE), (id + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Deletes key {@code id}; it disappears from anchors generated later.
     *
     * @throws XRoadException {@code KeyNotFound} when there is no such key; {@code InternalError} for the active key
     */
    public synchronized void remove(String id) {
        requireKey(id);
        if (activeId().filter(id::equals).isPresent()) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "signing key " + id
                    + " is the active key; activate another one before removing it");
        }
        try {
            Files.delete(file(id));
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot delete " + file(id) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The active key with its private half.
     *
     * @throws XRoadException {@code KeyNotFound} when no key is active
     */
    synchronized Active active() {
        String id = activeId().orElseThrow(() -> new XRoadException(ErrorCode.KEY_NOT_FOUND,
                "no active signing key in " + directory + " (add one with add-signing-key)"));
        requireKey(id);
        return load(id);
    }

    /** The key id of {@code certificate}: upper-case hex SHA-1 of its public key. */
    static String idOf(X509Certificate certificate) {
        return HexFormat.of().formatHex(DigestAlgorithm.SHA1.digest(certificate.getPublicKey().getEncoded()))
                .toUpperCase(Locale.ROOT);
    }

    private void requireKey(String id) {
        if (!KEY_ID.matcher(id).matches() || !Files.exists(file(id))) {
            throw new XRoadException(ErrorCode.KEY_NOT_FOUND, "no signing key '" + abbreviate(id) + "' in " + directory);
        }
    }

    private Active load(String id) {
        Path file = file(id);
        try {
            byte[] bytes = readBounded(file, MAX_KEY_FILE);
            var store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), pin);
            if (!(store.getKey(ALIAS, pin) instanceof PrivateKey key)
                    || !(store.getCertificate(ALIAS) instanceof X509Certificate cert)) {
                throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, file + " holds no signing key");
            }
            if (!idOf(cert).equals(id)) {
                throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, file + " holds the key " + idOf(cert)
                        + ", not " + id);
            }
            return new Active(id, key, cert);
        } catch (IOException | GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot open signing key " + file
                    + " (is the PIN right?): " + e.getMessage(), e);
        }
    }

    private List<String> ids() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(KEY_SUFFIX))
                    .map(n -> n.substring(0, n.length() - KEY_SUFFIX.length()))
                    .filter(id -> KEY_ID.matcher(id).matches()).sorted().toList();
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> activeId() {
        try {
            String text = new String(readBounded(directory.resolve(ACTIVE_FILE), 1024), StandardCharsets.US_ASCII)
                    .strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot read " + directory.resolve(ACTIVE_FILE)
                    + ": " + e.getMessage(), e);
        }
    }

    private Path file(String id) {
        return directory.resolve(id + KEY_SUFFIX);
    }

    private void write(Path target, byte[] bytes) {
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, ".tmp-", ".part");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readBounded(Path file, int max) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new IOException(file + " is larger than " + max + " bytes");
            }
            return bytes;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
