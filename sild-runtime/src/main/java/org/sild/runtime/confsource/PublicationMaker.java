package org.sild.runtime.confsource;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.globalconf.CentralServerSource;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryBuilder;
import org.sild.core.globalconf.DirectorySigner;
import org.sild.core.globalconf.EncodedCertificate;

/**
 * Makes one generation of published configuration as the central server's generator does: for
 * every version from 2 to 6 the parameter files under {@code /V{n}/{generation}/}, the internal
 * directory (shared, private and optional parts) and the external one (shared parameters only),
 * each signed with SHA-512 and listing SHA-512 part hashes.
 *
 * <p>Not thread-safe (generation names must increase); the source calls it under its lock.
 */
final class PublicationMaker {

    private static final DateTimeFormatter GENERATION = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final RandomGenerator random;
    private final Duration validity;
    private BigInteger lastGeneration = BigInteger.ZERO;

    PublicationMaker(RandomGenerator random, Duration validity) {
        this.random = random;
        this.validity = validity;
    }

    Publication make(String address, InstanceDescription description, Instant now, SigningKey internalKey,
                     List<X509Certificate> internalCerts, SigningKey externalKey) {
        String generation = nextGeneration(now);
        Instant expireDate = now.plus(validity).truncatedTo(ChronoUnit.SECONDS);
        var source = new CentralServerSource(address, internalCerts.stream().map(EncodedCertificate::of).toList(),
                List.of(EncodedCertificate.of(externalKey.cert())));
        DirectorySigner internalSigner = signer(internalKey);
        DirectorySigner externalSigner = signer(externalKey);
        Map<Integer, byte[]> internal = new HashMap<>();
        Map<Integer, byte[]> external = new HashMap<>();
        Map<String, byte[]> files = new HashMap<>();
        for (int version = ConfigurationSource.MIN_VERSION; version <= ConfigurationSource.MAX_VERSION; version++) {
            String prefix = "/V" + version + "/" + generation;
            byte[] shared = VersionedParameters.shared(description, version, source);
            byte[] privateParameters = VersionedParameters.privateParameters(description, version);
            DirectoryBuilder in = directory(description, version, prefix, expireDate)
                    .part(ContentPart.SHARED_PARAMETERS, ConfigurationSource.SHARED_PARAMETERS_FILE, shared)
                    .part(ContentPart.PRIVATE_PARAMETERS, ConfigurationSource.PRIVATE_PARAMETERS_FILE,
                            privateParameters);
            files.put(prefix + "/" + ConfigurationSource.SHARED_PARAMETERS_FILE, shared);
            files.put(prefix + "/" + ConfigurationSource.PRIVATE_PARAMETERS_FILE, privateParameters);
            for (OptionalPart part : description.optionalParts()) {
                in.part(part.contentIdentifier(), part.fileName(), part.content());
                files.put(prefix + "/" + part.fileName(), part.content());
            }
            internal.put(version, internalSigner.sign(in.build()));
            external.put(version, externalSigner.sign(directory(description, version, prefix, expireDate)
                    .part(ContentPart.SHARED_PARAMETERS, ConfigurationSource.SHARED_PARAMETERS_FILE, shared).build()));
        }
        return new Publication(generation, now, expireDate, internal, external, files);
    }

    private DirectoryBuilder directory(InstanceDescription description, int version, String prefix,
                                       Instant expireDate) {
        return new DirectoryBuilder(random).expireDate(expireDate).version(version).instance(description.instance())
                .pathPrefix(prefix);
    }

    private DirectorySigner signer(SigningKey key) {
        return new DirectorySigner(key.privateKey(), key.cert(),
                SignatureAlgorithm.forKey(key.privateKey(), DigestAlgorithm.SHA512), DigestAlgorithm.SHA512, random);
    }

    /** The generation name: the time as {@code yyyyMMddHHmmss} and nine digits of nanoseconds, always increasing. */
    private String nextGeneration(Instant now) {
        BigInteger stamp = new BigInteger(GENERATION.format(now) + String.format("%09d", now.getNano()));
        lastGeneration = stamp.compareTo(lastGeneration) > 0 ? stamp : lastGeneration.add(BigInteger.ONE);
        return lastGeneration.toString();
    }
}
