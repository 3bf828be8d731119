package org.sild.securityserver.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.securityserver.signer.Faults.assertFault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;
import org.sild.testing.IssuedCert;
import org.sild.testing.MutableClock;
import org.sild.testing.SubjectNames;
import org.sild.testing.TestPki;

class SoftwareTokenTest {

    private static final MemberId MEMBER = new MemberId("DEV", "GOV", "70000001");
    private static final char[] PIN = "s3cret-pin".toCharArray();
    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private SoftwareToken open(char[] pin) {
        return SoftwareToken.open(dir.resolve("token"), pin, new SecureRandom(), clock);
    }

    @Test
    void keysOfEveryKindSurviveReopeningAndSign() throws Exception {
        TokenKey auth;
        TokenKey rsa;
        TokenKey p256;
        TokenKey p384;
        try (SoftwareToken token = open(PIN)) {
            auth = token.generateKey(KeyPurpose.AUTHENTICATION, Optional.empty(), KeyAlgorithm.EC_P256, "auth");
            clock.advance(java.time.Duration.ofSeconds(1));
            rsa = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.RSA_2048, "sign ä");
            clock.advance(java.time.Duration.ofSeconds(1));
            p256 = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "");
            clock.advance(java.time.Duration.ofSeconds(1));
            p384 = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P384, "p384");
            assertThat(token.keys()).containsExactly(auth, rsa, p256, p384);
        }
        try (SoftwareToken token = open(PIN.clone())) {
            assertThat(token.keys()).extracting(TokenKey::id).containsExactly(auth.id(), rsa.id(), p256.id(), p384.id());
            TokenKey loaded = token.key(rsa.id()).orElseThrow();
            assertThat(loaded.purpose()).isEqualTo(KeyPurpose.SIGNING);
            assertThat(loaded.member()).contains(MEMBER);
            assertThat(loaded.label()).isEqualTo("sign ä");
            assertThat(loaded.publicKey().getEncoded()).isEqualTo(rsa.publicKey().getEncoded());
            assertThat(loaded.certificate()).isEmpty();
            assertThat(token.key(auth.id()).orElseThrow().member()).isEmpty();
            assertThat(((java.security.interfaces.ECKey) p384.publicKey()).getParams().getCurve().getField().getFieldSize())
                    .isEqualTo(384);
            for (TokenKey key : List.of(rsa, p256, p384)) {
                SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(key.publicKey(), DigestAlgorithm.SHA512);
                byte[] signature = token.signingKey(key.id()).sign(algorithm, new byte[] {1, 2, 3});
                Signature verify = algorithm.newSignature();
                verify.initVerify(key.publicKey());
                verify.update(new byte[] {1, 2, 3});
                assertThat(verify.verify(signature)).as(key.toString()).isTrue();
            }
            assertThat(token.privateKey(auth.id()).getAlgorithm()).isEqualTo("EC");
        }
    }

    @Test
    void aWrongPinIsRefusedEvenOnAnEmptyToken() {
        open(PIN).close();
        assertFault(() -> open("wrong".toCharArray()), ErrorCode.PIN_INCORRECT).hasMessageNotContaining("wrong");
        try (SoftwareToken token = open(PIN)) {
            token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "k");
        }
        assertFault(() -> open("wrong".toCharArray()), ErrorCode.PIN_INCORRECT);
        assertFault(() -> open(new char[0]), ErrorCode.PIN_INCORRECT);
    }

    @Test
    void importsACertificateForTheKeyWithItsPublicKeyAndTheRightUsage() {
        String signId;
        try (SoftwareToken token = open(PIN)) {
            TokenKey sign = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "s");
            TokenKey auth = token.generateKey(KeyPurpose.AUTHENTICATION, Optional.empty(), KeyAlgorithm.EC_P256, "a");
            IssuedCert signCert = PKI.issue(PKI.signingSpec(SubjectNames.ejbcaSigning("EE", "GOV", "70000001"))
                    .keyPair(new KeyPair(sign.publicKey(), null)).build());
            IssuedCert authCert = PKI.issue(PKI.authSpec(SubjectNames.ejbcaAuth("EE", "ss1"))
                    .keyPair(new KeyPair(auth.publicKey(), null)).build());
            IssuedCert authCertForSigningKey = PKI.issue(PKI.authSpec(SubjectNames.ejbcaAuth("EE", "ss1"))
                    .keyPair(new KeyPair(sign.publicKey(), null)).build());
            IssuedCert signCertForAuthKey = PKI.issue(PKI.signingSpec(SubjectNames.ejbcaSigning("EE", "GOV", "1"))
                    .keyPair(new KeyPair(auth.publicKey(), null)).build());

            assertFault(() -> token.importCertificate(PKI.signingCert("GOV", "other").chain()), ErrorCode.KEY_NOT_FOUND);
            assertFault(() -> token.importCertificate(authCertForSigningKey.chain()), ErrorCode.WRONG_CERT_USAGE)
                    .hasMessageContaining("not a signing certificate");
            assertFault(() -> token.importCertificate(signCertForAuthKey.chain()), ErrorCode.WRONG_CERT_USAGE)
                    .hasMessageContaining("not an authentication certificate");
            assertFault(() -> token.importCertificate(List.of(signCert.certificate(), PKI.root().certificate())),
                    ErrorCode.INCORRECT_CERTIFICATE).hasMessageContaining("did not issue");
            assertFault(() -> token.importCertificate(List.of()), ErrorCode.INCORRECT_CERTIFICATE);

            assertThat(token.importCertificate(signCert.chain()).chain()).isEqualTo(signCert.chain());
            assertThat(token.importCertificate(List.of(authCert.certificate())).certificate())
                    .contains(authCert.certificate());
            assertThat(token.key(sign.id()).orElseThrow().certificate()).contains(signCert.certificate());
            signId = sign.id();
        }
        try (SoftwareToken token = open(PIN)) {
            assertThat(token.keys()).allSatisfy(k -> assertThat(k.certificate()).isPresent());
            assertThat(token.key(signId).orElseThrow().chain()).hasSize(3);
        }
    }

    @Test
    void deletesKeysAndTheirFiles() throws IOException {
        try (SoftwareToken token = open(PIN)) {
            TokenKey key = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "k");
            assertThat(files()).contains(key.id() + ".p12", key.id() + ".properties", "pin-check.p12");
            token.deleteKey(key.id());
            assertThat(token.keys()).isEmpty();
            assertThat(files()).containsExactly("pin-check.p12");
            assertFault(() -> token.deleteKey(key.id()), ErrorCode.KEY_NOT_FOUND);
            assertFault(() -> token.signingKey(key.id()), ErrorCode.KEY_NOT_FOUND);
            assertFault(() -> token.privateKey("nope"), ErrorCode.KEY_NOT_FOUND);
        }
    }

    @Test
    void aClosedTokenSignsNoMore() {
        SoftwareToken token = open(PIN);
        TokenKey key = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "k");
        var signingKey = token.signingKey(key.id());
        token.close();
        assertFault(token::keys, ErrorCode.TOKEN_NOT_ACTIVE);
        assertFault(() -> signingKey.sign(SignatureAlgorithm.ECDSA_SHA512, new byte[1]), ErrorCode.TOKEN_NOT_ACTIVE);
        assertFault(() -> token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "k"),
                ErrorCode.TOKEN_NOT_ACTIVE);
    }

    @Test
    void purposeAndMemberMustFit() {
        try (SoftwareToken token = open(PIN)) {
            assertFault(() -> token.generateKey(KeyPurpose.SIGNING, Optional.empty(), KeyAlgorithm.EC_P256, "k"),
                    ErrorCode.INTERNAL_ERROR);
            assertFault(() -> token.generateKey(KeyPurpose.AUTHENTICATION, Optional.of(MEMBER), KeyAlgorithm.EC_P256,
                    "k"), ErrorCode.INTERNAL_ERROR);
        }
    }

    @Test
    void filesAreOwnerOnlyAndThePinStaysSecret() throws IOException {
        try (SoftwareToken token = open(PIN)) {
            TokenKey key = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "k");
            assertThat(token.toString()).doesNotContain(new String(PIN));
            Path p12 = dir.resolve("token").resolve(key.id() + ".p12");
            if (Files.getFileStore(p12).supportsFileAttributeView("posix")) {
                assertThat(Files.getPosixFilePermissions(p12))
                        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
                assertThat(Files.getPosixFilePermissions(dir.resolve("token"))).containsOnly(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
            }
            String properties = Files.readString(dir.resolve("token").resolve(key.id() + ".properties"));
            assertThat(properties).doesNotContain(new String(PIN)).contains("member.code=70000001");
            assertThat(files()).noneMatch(f -> f.endsWith(".tmp"));
        }
    }

    @Test
    void brokenKeyFilesAreNamed() throws IOException {
        String keyId;
        try (SoftwareToken token = open(PIN)) {
            keyId = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "k").id();
        }
        Path properties = dir.resolve("token").resolve(keyId + ".properties");
        byte[] saved = Files.readAllBytes(properties);
        Files.delete(properties);
        assertFault(() -> open(PIN), ErrorCode.KEY_NOT_AVAILABLE).hasMessageContaining(keyId + ".properties is missing");
        Files.write(properties, new String(saved, StandardCharsets.UTF_8).replace("purpose=SIGNING", "purpose=NONE")
                .getBytes(StandardCharsets.UTF_8));
        assertFault(() -> open(PIN), ErrorCode.KEY_NOT_AVAILABLE).hasMessageContaining(keyId);
        Files.write(properties, saved);
        Files.write(dir.resolve("token").resolve(keyId + ".p12"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x03});
        assertFault(() -> open(PIN), ErrorCode.KEY_NOT_AVAILABLE).hasMessageContaining(keyId + ".p12");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("token"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
