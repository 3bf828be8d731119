package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.sild.core.asic.ArchiveChain;
import org.sild.core.asic.ArchiveVerifier;
import org.sild.core.asic.AsicContainer;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.testing.Vectors;

/** X-Road's message log archives (README-vectors D): linking chains, the SHA-256 archive, the negative ones. */
class ArchiveConformanceTest {

    private static final String VERIFIER = "src/addons/messagelog/messagelog-archive-verifier/src/test/resources/";
    private static final String ADDON = "src/addons/messagelog/messagelog-addon/src/test/resources/logarchive/";
    private static final String DIGEST_0 = "9011ab557706b5050584d6888af7b390e5350f4edad296bd7a582aa51732aac7"
            + "f49a4ec44dd361027945ade0de8b8cf607fb7b7d11f17b0560d44b965c358eaa";
    private static final AtomicInteger EXERCISED = new AtomicInteger();

    @AfterAll
    static void report() {
        Vectors.report("message log archives", EXERCISED.get());
    }

    @Test
    void chainedArchivesVerifyAndTheirContainersLoad() {
        var chain = ArchiveChain.startingAfter("");
        var names = new ArrayList<String>();
        var first = chain.next(Vectors.file(VERIFIER + "message-archive-0.zip"), (n, b) -> {
            AsicContainer.read(b);
            names.add(n);
        });
        assertThat(first.lastDigest()).isEqualTo(DIGEST_0);
        assertThat(first.linkingInfo().algorithm()).isEqualTo(DigestAlgorithm.SHA512);
        var second = chain.next(Vectors.file(VERIFIER + "message-archive-1.zip"), (n, b) -> {
            AsicContainer.read(b);
            names.add(n);
        });
        assertThat(second.linkingInfo().previousArchive())
                .contains("mlog-20231023121255-20231023121255-9011ab557706b505.zip.gpg");
        assertThat(names).hasSize(1 + second.containers().size()).contains("ID1234-request-3.asice");
        EXERCISED.addAndGet(2);
    }

    @Test
    void wrongPreviousDigestIsRefused() {
        assertThatThrownBy(() -> ArchiveVerifier.verify(Vectors.file(VERIFIER + "message-archive-1.zip"),
                Optional.of("4145ab55" + DIGEST_0.substring(8)), (n, b) -> { }))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.of(ErrorCode.INVALID_LOG_ARCHIVE)))
                .hasMessageContaining("does not follow");
        assertThatThrownBy(() -> ArchiveVerifier.verify(Vectors.file(VERIFIER + "message-archive-1.zip"),
                Optional.of(""), (n, b) -> { })).hasMessageContaining("does not follow");
        EXERCISED.incrementAndGet();
    }

    @Test
    void sha256ArchiveFinalDigest() {
        var check = ArchiveVerifier.verify(Vectors.file(ADDON + "mlog-WITH_LINKINGINFO.zip"), Optional.of(""),
                (n, b) -> { });
        assertThat(check.linkingInfo().algorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(check.lastDigest()).isEqualTo("624334053a96e0e1209d342514b5d890aeaeee8f0659da69688a3eeac0304856");
        EXERCISED.incrementAndGet();
    }

    @Test
    void negativeArchives() {
        for (var c : List.of(
                new String[] {"mlog-NO_LINKINGINFO.zip", "no linkinginfo"},
                new String[] {"mlog-WITH_INVALID_LINKINGINFO.zip", "does not match its linkinginfo"},
                new String[] {"mlog-EXCESSIVE_FILES_IN_LINKINGINFO.zip", "listed but missing [8888888888-request"},
                new String[] {"mlog-NO_ASIC_CONTAINERS.zip", "no ASiC containers"})) {
            assertThatThrownBy(() -> ArchiveVerifier.verify(Vectors.file(ADDON + c[0]), Optional.empty(), (n, b) -> { }))
                    .as(c[0])
                    .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                            .isEqualTo(FaultCode.of(ErrorCode.INVALID_LOG_ARCHIVE)))
                    .hasMessageContaining(c[1]);
            EXERCISED.incrementAndGet();
        }
    }
}
