package org.sild.centralserver.globalconf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.sild.centralserver.registry.SigningKeyRecord.Kind;
import org.sild.centralserver.registry.SigningKeys;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The private keys of the configuration signing keys: one PKCS#12 file per key,
 * {@code <directory>/<key id>.p12}, protected by the PIN, with the key's self-signed certificate
 * (as X-Road's central server makes for its configuration signing keys; only the public key
 * matters to verifiers). The key id is the lower-case hex SHA-1 of the public key.
 *
 * <p>Thread-safe: every call works on its own file, written atomically.
 */
final class KeyFiles {

    private static final String ALIAS = "signing";
    private static final Duration VALIDITY = Duration.ofDays(20 * 365);

    private final Path directory;
    private final char[] pin;
    private final KeyAlgorithm algorithm;
    private final Clock clock;
    private final SecureRandom random;

    KeyFiles(Path directory, char[] pin, KeyAlgorithm algorithm, Clock clock, SecureRandom random) {
        this.directory = directory;
        this.pin = pin.clone();
        this.algorithm = algorithm;
        this.clock = clock;
        this.random = random;
    }

    /** A new key and certificate. */
    record Generated(String keyId, X509Certificate cert) {
    }

    Generated generate(String instance, Kind kind) {
        try {
            KeyPair keys = keyPair();
            String keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(keys.getPublic().getEncoded()));
            Instant now = clock.instant();
            var subject = new X500Principal("CN=" + instance + " " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " configuration signing key " + keyId.substring(0, 8));
            X500Name name = X500Name.getInstance(subject.getEncoded());
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            String signature = algorithm == KeyAlgorithm.RSA ? "SHA512withRSA" : "SHA512withECDSA";
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
            write(keyId, keys.getPrivate(), cert);
            return new Generated(keyId, cert);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot generate a configuration signing key in "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    PrivateKey load(String keyId) {
        Path file = file(keyId);
        try (InputStream in = Files.newInputStream(file)) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(in, pin);
            return (PrivateKey) store.getKey(ALIAS, pin);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot read configuration signing key " + keyId
                    + " from " + file + ": " + e.getMessage(), e);
        }
    }

    void delete(String keyId) {
        try {
            Files.deleteIfExists(file(keyId));
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot delete configuration signing key file of " + keyId
                    + ": " + e.getMessage(), e);
        }
    }

    Path file(String keyId) {
        if (!SigningKeys.KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id '" + keyId + "' must match " + SigningKeys.KEY_ID.pattern());
        }
        return directory.resolve(keyId + ".p12");
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        if (algorithm == KeyAlgorithm.RSA) {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return generator.generateKeyPair();
        }
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private void write(String keyId, PrivateKey key, X509Certificate cert) throws IOException,
            GeneralSecurityException {
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, pin, new X509Certificate[] {cert});
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, ".key", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, pin);
            }
            Files.move(tmp, file(keyId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
