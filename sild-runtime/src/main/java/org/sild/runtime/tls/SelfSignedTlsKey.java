package org.sild.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A TLS server key with a self-signed certificate, kept in a PKCS#12 file: created (EC P-256,
 * valid 20 years) the first time {@link #loadOrCreate} finds no file, read from it afterwards.
 * Peers trust it by pinning the certificate (X-Road's central server registration service, a
 * security server's internal TLS certificate); operators may replace the file with a key of their
 * own CA under the same alias and password.
 *
 * <p>The certificate names {@code localhost}, {@code 127.0.0.1} and the given host names or IP
 * addresses as subject alternative names. Immutable; the file is written atomically.
 */
public record SelfSignedTlsKey(PrivateKey privateKey, X509Certificate certificate) {

    /** The key's alias in the PKCS#12 file. */
    public static final String ALIAS = "tls";
    private static final Duration VALIDITY = Duration.ofDays(20 * 365);

    public SelfSignedTlsKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * The key in {@code file}, created first when there is none.
     *
     * @param commonName the certificate subject's CN
     * @param hostNames  more subject alternative names (host names or IP literals)
     * @throws XRoadException {@code KeyNotAvailable} naming the file when it cannot be read or written
     */
    public static SelfSignedTlsKey loadOrCreate(Path file, String commonName, List<String> hostNames, char[] password,
                                                Clock clock, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                create(file, commonName, hostNames, password, clock, random);
            }
            var store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            if (!(store.getKey(ALIAS, password) instanceof PrivateKey key)
                    || !(store.getCertificate(ALIAS) instanceof X509Certificate cert)) {
                throw new GeneralSecurityException("no key with alias '" + ALIAS + "'");
            }
            return new SelfSignedTlsKey(key, cert);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot read the TLS key " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** A server TLS setting presenting this key, without client certificates. */
    public ServerTls serverTls(TlsProfile profile) {
        return new ServerTls(TlsContexts.builder().key(privateKey, List.of(certificate)).build(), ClientAuth.NONE,
                profile);
    }

    private static void create(Path file, String commonName, List<String> hostNames, char[] password, Clock clock,
                               SecureRandom random) throws IOException, GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        var keys = generator.generateKeyPair();
        Instant now = clock.instant();
        X500Name subject = X500Name.getInstance(new X500Principal("CN=" + commonName.replace(",", "\\,")
                .replace("+", "\\+").replace("=", "\\=")).getEncoded());
        var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, random).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostNames));
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, keys.getPrivate(), password, new X509Certificate[] {cert});
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tls", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, password);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static GeneralNames alternativeNames(List<String> hostNames) {
        Set<String> all = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        hostNames.stream().map(h -> h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h)
                .filter(h -> !h.isBlank() && !h.equals("0.0.0.0")).forEach(all::add);
        var names = new ArrayList<GeneralName>();
        for (String h : all) {
            boolean ip = h.contains(":") || h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, h));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }
}
