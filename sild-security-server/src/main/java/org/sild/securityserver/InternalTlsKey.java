package org.sild.securityserver;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
 * The security server's internal TLS key: a self-signed certificate the HTTPS client port presents
 * to information systems (X-Road's "internal TLS certificate"). Created on first start in
 * {@code <data>/internal-tls.p12}, protected like the token by the signer PIN; operators pin it in
 * their information systems or replace the file with a certificate of their own CA.
 */
record InternalTlsKey(PrivateKey privateKey, List<X509Certificate> chain) {

    static final String FILE = "internal-tls.p12";
    private static final String ALIAS = "internal";
    private static final Duration VALIDITY = Duration.ofDays(20 * 365);

    /** Loads the key from {@code dataDirectory}, creating it first when there is none. */
    static InternalTlsKey loadOrCreate(Path dataDirectory, String commonName, char[] password, Clock clock,
            SecureRandom random) {
        Path file = dataDirectory.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file, commonName, password, clock, random);
            }
            var store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            var key = (PrivateKey) store.getKey(ALIAS, password);
            var cert = (X509Certificate) store.getCertificate(ALIAS);
            return new InternalTlsKey(key, List.of(cert));
        } catch (IOException | GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.KEY_NOT_AVAILABLE, "cannot read the internal TLS key " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file, String commonName, char[] password, Clock clock, SecureRandom random)
            throws IOException, GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, random);
        var keys = generator.generateKeyPair();
        Instant now = clock.instant();
        var subject = new X500Principal("CN=" + commonName.replace(",", "\\,"));
        var builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(subject.getEncoded()),
                new BigInteger(64, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), X500Name.getInstance(subject.getEncoded()), keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
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
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".internal-tls", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            store.store(out, password);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
