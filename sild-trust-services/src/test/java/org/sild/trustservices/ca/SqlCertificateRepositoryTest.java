package org.sild.trustservices.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.trustservices.ca.CaFixtures.NOW;
import static org.sild.trustservices.ca.CaFixtures.csr;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.pki.OcspCertStatus;
import org.sild.runtime.store.Store;
import org.sild.runtime.store.StoreConfig;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;
import org.sild.testing.TestPki;

class SqlCertificateRepositoryTest {

    private static Store open(TestDatabase db) {
        return Store.builder().name("trust-test").config(StoreConfig.of(db.url(), db.user(), db.password()))
                .migrations(SqlCertificateRepository.MIGRATIONS).open();
    }

    private static IssuedCertificate issued(CertificateAuthority ca, String cn) {
        return ca.issue(csr("C=DEV, CN=" + cn, "auth-" + cn), CertificateType.AUTH);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void storesCertificatesAndRevocations(TestDatabases kind) {
        try (TestDatabase db = kind.open(); Store store = open(db)) {
            var repository = new SqlCertificateRepository(store, CaFixtures.root().certificate());
            var ca = new CertificateAuthority(CaFixtures.root(), IssuingPolicy.defaults(), repository,
                    CaFixtures.CLOCK, new SecureRandom());

            IssuedCertificate first = issued(ca, "ss1");
            IssuedCertificate second = ca.issue(csr("C=DEV, O=GOV, CN=70000001", "sign-1"), CertificateType.SIGN);

            assertThat(repository.find(first.serialNumber())).contains(first);
            assertThat(repository.find(second.serialNumber())).contains(second);
            assertThat(repository.find(BigInteger.TWO)).isEmpty();
            assertThat(repository.list()).containsExactlyInAnyOrder(first, second);
            assertThat(repository.add(first)).as("a taken serial number").isFalse();

            var revocation = new Revocation(NOW.plus(Duration.ofMinutes(3)), RevocationReason.AFFILIATION_CHANGED);
            assertThat(repository.revoke(first.serialNumber(), revocation)).isTrue();
            assertThat(repository.revoke(first.serialNumber(), revocation)).isFalse();
            assertThat(repository.revoke(BigInteger.TWO, revocation)).isFalse();
            assertThat(repository.find(first.serialNumber()).orElseThrow().revocation()).contains(revocation);
            assertThat(ca.status(first.serialNumber()))
                    .isEqualTo(new OcspCertStatus.Revoked(revocation.time(), Optional.of(3)));
            assertThat(ca.status(second.serialNumber())).isEqualTo(new OcspCertStatus.Good());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void seesOnlyItsOwnCasCertificates(TestDatabases kind) {
        try (TestDatabase db = kind.open(); Store store = open(db)) {
            var mine = new SqlCertificateRepository(store, CaFixtures.root().certificate());
            var other = new SqlCertificateRepository(store, TestPki.create().root().certificate());
            IssuedCertificate issued = issued(new CertificateAuthority(CaFixtures.root(), IssuingPolicy.defaults(),
                    mine, CaFixtures.CLOCK, new SecureRandom()), "ss2");

            assertThat(other.find(issued.serialNumber())).isEmpty();
            assertThat(other.list()).isEmpty();
            assertThat(other.revoke(issued.serialNumber(), new Revocation(NOW, RevocationReason.UNSPECIFIED))).isFalse();
            assertThat(other.add(issued)).as("serial numbers are unique across CAs").isFalse();
            assertThat(mine.find(issued.serialNumber()).orElseThrow().isRevoked()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void onlyOneOfConcurrentRevocationsWins(TestDatabases kind) throws Exception {
        try (TestDatabase db = kind.open(); Store store = open(db)) {
            var repository = new SqlCertificateRepository(store, CaFixtures.root().certificate());
            var ca = new CertificateAuthority(CaFixtures.root(), IssuingPolicy.defaults(), repository,
                    CaFixtures.CLOCK, new SecureRandom());
            BigInteger serial = issued(ca, "ss3").serialNumber();

            try (var executor = Executors.newFixedThreadPool(4)) {
                var attempts = IntStream.range(0, 8).<Callable<Boolean>>mapToObj(i -> () -> repository.revoke(serial,
                        new Revocation(NOW.plusSeconds(i), RevocationReason.KEY_COMPROMISE))).toList();
                long winners = 0;
                for (Future<Boolean> f : executor.invokeAll(attempts)) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            }
        }
    }
}
