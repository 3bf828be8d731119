package org.sild.securityserver.signer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.signature.SigningKey;

/**
 * The software token: keys in PIN-protected PKCS#12 files under one directory.
 *
 * <p>Each key has two files named by its identifier: {@code <id>.p12}, holding the private key with
 * its certificate chain (a self-signed stand-in until a certificate is imported), and
 * {@code <id>.properties}, holding what the key is for (purpose, member, label, creation time). A
 * key exists when its {@code .p12} file does; the properties are written first and never change.
 * Every write is atomic. {@code pin-check.p12} lets a wrong PIN be detected on an empty token. The
 * PIN is kept in memory while the token is open and never appears in messages or logs.
 *
 * <p>Thread-safe: reads use an immutable snapshot, changes are serialised. Open with {@link #open};
 * after {@link #close} every key operation fails with {@code TokenNotActive}.
 */
public final class SoftwareToken implements Token {

    /** The token's identifier. */
    public static final String ID = "softToken";
    /** Most keys one software token holds. */
    public static final int MAX_KEYS = 1000;

    private static final String PIN_CHECK = "pin-check.p12";
    private static final String KEY_SUFFIX = ".p12";
    private static final String PROPERTIES_SUFFIX = ".properties";
    private static final int MAX_FILE_SIZE = 256 * 1024;

    private final Path dir;
    private final char[] pin;
    private final SecureRandom random;
    private final Clock clock;
    private final Object changes = new Object();
    private volatile Map<String, Entry> entries;
    private volatile boolean closed;

    private record Entry(TokenKey key, PrivateKey privateKey, Instant created) {
    }

    private SoftwareToken(Path dir, char[] pin, SecureRandom random, Clock clock) {
        this.dir = dir;
        this.pin = pin.clone();
        this.random = random;
        this.clock = clock;
    }

    /**
     * Opens the token in {@code dir} (created, owner-only, when missing) with {@code pin}.
     *
     * @throws XRoadException {@code PinIncorrect} for a wrong PIN; {@code KeyNotAvailable} naming a key file
     *         that cannot be read; {@code IOError} when the directory cannot be used
     */
    public static SoftwareToken open(Path dir, char[] pin, SecureRandom random, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(clock, "clock");
        if (pin.length == 0) {
            throw new XRoadException(ErrorCode.PIN_INCORRECT, "the PIN of token " + ID + " is empty");
        }
        var token = new SoftwareToken(AtomicFiles.directory(dir), pin, random, clock);
        token.load();
        return token;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<TokenKey> keys() {
        return open().values().stream().map(Entry::key).toList();
    }

    @Override
    public Optional<TokenKey> key(String keyId) {
        return Optional.ofNullable(open().get(keyId)).map(Entry::key);
    }

    @Override
    public TokenKey generateKey(KeyPurpose purpose, Optional<MemberId> member, KeyAlgorithm algorithm, String label) {
        if ((purpose == KeyPurpose.SIGNING) != member.isPresent()) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, purpose == KeyPurpose.SIGNING
                    ? "a signing key must belong to a member" : "the authentication key belongs to no member");
        }
        KeyPair keys = algorithm.generate(random);
        String keyId = KeyCertificates.keyId(keys.getPublic());
        Instant created = clock.instant();
        X509Certificate pending = PendingCertificate.create(keys, keyId, created);
        var key = new TokenKey(keyId, purpose, member, label, keys.getPublic(), List.of());
        synchronized (changes) {
            Map<String, Entry> current = open();
            if (current.size() >= MAX_KEYS) {
                throw new XRoadException(ErrorCode.INTERNAL_ERROR, "token " + ID + " already holds " + MAX_KEYS + " keys");
            }
            AtomicFiles.write(dir.resolve(keyId + PROPERTIES_SUFFIX), properties(key, algorithm, created));
            AtomicFiles.write(dir.resolve(keyId + KEY_SUFFIX), pkcs12(keyId, keys.getPrivate(), List.of(pending)));
            var next = new LinkedHashMap<>(current);
            next.put(keyId, new Entry(key, keys.getPrivate(), created));
            entries = sorted(next);
        }
        return key;
    }

    @Override
    public TokenKey importCertificate(List<X509Certificate> chain) {
        synchronized (changes) {
            Map<String, Entry> current = open();
            TokenKey key = KeyCertificates.keyFor(keys(), chain);
            Entry entry = current.get(key.id());
            AtomicFiles.write(dir.resolve(key.id() + KEY_SUFFIX), pkcs12(key.id(), entry.privateKey(), chain));
            var certified = new TokenKey(key.id(), key.purpose(), key.member(), key.label(), key.publicKey(), chain);
            var next = new LinkedHashMap<>(current);
            next.put(key.id(), new Entry(certified, entry.privateKey(), entry.created()));
            entries = sorted(next);
            return certified;
        }
    }

    @Override
    public void deleteKey(String keyId) {
        synchronized (changes) {
            Map<String, Entry> current = open();
            if (!current.containsKey(keyId)) {
                throw notFound(keyId);
            }
            AtomicFiles.delete(dir.resolve(keyId + KEY_SUFFIX));
            AtomicFiles.delete(dir.resolve(keyId + PROPERTIES_SUFFIX));
            var next = new LinkedHashMap<>(current);
            next.remove(keyId);
            entries = sorted(next);
        }
    }

    @Override
    public SigningKey signingKey(String keyId) {
        Entry entry = entry(keyId);
        SigningKey software = SigningKey.software(entry.privateKey());
        return new SigningKey() {
            @Override
            public String keyAlgorithm() {
                return software.keyAlgorithm();
            }

            @Override
            public byte[] sign(SignatureAlgorithm algorithm, byte[] data) {
                open();
                return software.sign(algorithm, data);
            }
        };
    }

    @Override
    public PrivateKey privateKey(String keyId) {
        return entry(keyId).privateKey();
    }

    @Override
    public void close() {
        synchronized (changes) {
            closed = true;
            entries = Map.of();
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public String toString() {
        return "SoftwareToken[" + dir + "]";
    }

    private Entry entry(String keyId) {
        Entry entry = open().get(keyId);
        if (entry == null) {
            throw notFound(keyId);
        }
        return entry;
    }

    private Map<String, Entry> open() {
        if (closed) {
            throw new XRoadException(ErrorCode.TOKEN_NOT_ACTIVE, "token " + ID + " is closed");
        }
        return entries;
    }

    private void load() {
        Path pinCheck = dir.resolve(PIN_CHECK);
        if (Files.isRegularFile(pinCheck)) {
            readStore(pinCheck);
        } else {
            AtomicFiles.write(pinCheck, emptyStore());
        }
        var loaded = new LinkedHashMap<String, Entry>();
        for (Path file : keyFiles()) {
            String name = file.getFileName().toString();
            String keyId = name.substring(0, name.length() - KEY_SUFFIX.length());
            if (loaded.size() == MAX_KEYS) {
                throw new XRoadException(ErrorCode.INTERNAL_ERROR, dir + " holds more than " + MAX_KEYS + " keys");
            }
            loaded.put(keyId, loadKey(keyId, file));
        }
        entries = sorted(loaded);
    }

    private List<Path> keyFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(KEY_SUFFIX) && !name.equals(PIN_CHECK) && !name.startsWith(".");
            }).sorted().toList();
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot list token directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private Entry loadKey(String keyId, Path file) {
        KeyStore store = readStore(file);
        Properties properties = readProperties(keyId);
        try {
            if (!(store.getKey(keyId, pin) instanceof PrivateKey privateKey)) {
                throw unreadable(file, "no private key under alias " + keyId);
            }
            Certificate[] stored = store.getCertificateChain(keyId);
            var chain = new ArrayList<X509Certificate>();
            for (Certificate c : stored == null ? new Certificate[0] : stored) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty() || !KeyCertificates.keyId(chain.get(0).getPublicKey()).equals(keyId)) {
                throw unreadable(file, "its certificate does not belong to key " + keyId);
            }
            KeyPurpose purpose = KeyPurpose.valueOf(required(properties, "purpose", keyId));
            Optional<MemberId> member = purpose == KeyPurpose.SIGNING
                    ? Optional.of(new MemberId(required(properties, "member.instance", keyId),
                            required(properties, "member.class", keyId), required(properties, "member.code", keyId)))
                    : Optional.empty();
            List<X509Certificate> certificates = PendingCertificate.isPending(chain, keyId) ? List.of() : chain;
            var key = new TokenKey(keyId, purpose, member, properties.getProperty("label", ""),
                    chain.get(0).getPublicKey(), certificates);
            return new Entry(key, privateKey, Instant.parse(required(properties, "created", keyId)));
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException
                 | DateTimeParseException e) {
            throw unreadable(file, e.getMessage());
        }
    }

    private KeyStore readStore(Path file) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(AtomicFiles.read(file, MAX_FILE_SIZE)), pin);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new XRoadException(ErrorCode.PIN_INCORRECT, "the PIN of token " + ID + " is incorrect");
            }
            throw unreadable(file, e.getMessage());
        } catch (GeneralSecurityException e) {
            throw unreadable(file, e.getMessage());
        }
    }

    private Properties readProperties(String keyId) {
        Path file = dir.resolve(keyId + PROPERTIES_SUFFIX);
        if (!Files.isRegularFile(file)) {
            throw unreadable(dir.resolve(keyId + KEY_SUFFIX), "its " + file.getFileName() + " is missing");
        }
        var properties = new Properties();
        try {
            properties.load(new StringReader(new String(AtomicFiles.read(file, MAX_FILE_SIZE), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(file, e.getMessage());
        }
        return properties;
    }

    private byte[] pkcs12(String keyId, PrivateKey privateKey, List<X509Certificate> chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(keyId, privateKey, pin, chain.toArray(new Certificate[0]));
            var out = new ByteArrayOutputStream();
            store.store(out, pin);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot encode key " + keyId + " as PKCS#12: "
                    + e.getMessage(), e);
        }
    }

    private byte[] emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            var out = new ByteArrayOutputStream();
            store.store(out, pin);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot create the PIN check file: " + e.getMessage(), e);
        }
    }

    private static byte[] properties(TokenKey key, KeyAlgorithm algorithm, Instant created) {
        var properties = new Properties();
        properties.setProperty("purpose", key.purpose().name());
        key.member().ifPresent(m -> {
            properties.setProperty("member.instance", m.instance());
            properties.setProperty("member.class", m.memberClass());
            properties.setProperty("member.code", m.memberCode());
        });
        properties.setProperty("label", key.label());
        properties.setProperty("algorithm", algorithm.name());
        properties.setProperty("created", created.toString());
        var out = new StringWriter();
        try {
            properties.store(out, "Sild software token key " + key.id());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String required(Properties properties, String name, String keyId) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the properties of key " + keyId + " lack '" + name + "'");
        }
        return value;
    }

    private static Map<String, Entry> sorted(Map<String, Entry> entries) {
        var list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparing(Entry::created).thenComparing(e -> e.key().id()));
        var map = new LinkedHashMap<String, Entry>();
        list.forEach(e -> map.put(e.key().id(), e));
        return Collections.unmodifiableMap(map);
    }

    private static XRoadException notFound(String keyId) {
        return new XRoadException(ErrorCode.KEY_NOT_FOUND, "token " + ID + " has no key " + keyId);
    }

    private static XRoadException unreadable(Path file, String why) {
        return new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot read key file " + file + ": " + why);
    }
}
