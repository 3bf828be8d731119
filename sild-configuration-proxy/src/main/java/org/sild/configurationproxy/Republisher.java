package org.sild.configurationproxy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryBuilder;
import org.sild.core.globalconf.DirectorySigner;

/**
 * Re-signs a downloaded version with the proxy's key, as X-Road's configuration proxy does: a new
 * directory with the proxy's {@code Expire-date} and {@code Version}, one entry per part (same
 * content identifier and file name, SHA-512 hash, {@code Content-location}
 * {@code /NAME/GENERATION/V{n}/INSTANCE/FILE}), signed with SHA-512. The own instance's shared
 * parameters of version 3 and later name the proxy as their source (see
 * {@link SharedSourcesRewriter}); every other part is passed on byte for byte.
 *
 * <p>Thread-safe if the random generator is.
 */
final class Republisher {

    static final DigestAlgorithm HASH = DigestAlgorithm.SHA512;

    private final String proxyName;
    private final RandomGenerator random;

    Republisher(String proxyName, RandomGenerator random) {
        this.proxyName = proxyName;
        this.random = random;
    }

    Publication.VersionSet republish(SourceDownloader.Downloaded downloaded, String instance, String generation,
                                     Instant expireDate, SigningKeys.Active key, List<X509Certificate> certificates,
                                     String address) {
        int version = downloaded.version();
        String prefix = "/" + proxyName + "/" + generation + "/V" + version + "/" + instance;
        var directory = new DirectoryBuilder(random).expireDate(expireDate).version(version).instance(instance)
                .pathPrefix(prefix).hashAlgorithm(HASH);
        Map<String, byte[]> files = new HashMap<>();
        for (SourceDownloader.Part part : downloaded.parts()) {
            byte[] content = part.content();
            if (version >= 3 && part.entry().is(ContentPart.SHARED_PARAMETERS)) {
                content = SharedSourcesRewriter.rewrite(content, version, address, certificates);
            }
            directory.part(part.contentIdentifier(), part.fileName(), content);
            files.put(prefix + "/" + part.fileName(), content);
        }
        var signer = new DirectorySigner(key.privateKey(), key.certificate(),
                SignatureAlgorithm.forKey(key.privateKey(), HASH), HASH, random);
        return new Publication.VersionSet(version, generation, expireDate, signer.sign(directory.build()), files);
    }
}
