package org.sild.securityserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

class SpoolsTest {

    @TempDir
    Path dir;

    @Test
    void smallPartsStayInMemoryLargeOnesGoToFilesDeletedOnClose() throws Exception {
        byte[] small = new byte[100];
        byte[] large = new byte[10_000];
        new Random(3).nextBytes(large);
        Spools.Spool a;
        Spools.Spool b;
        try (var spools = new Spools(dir, 1000, 1_000_000)) {
            a = spools.copy(new ByteArrayInputStream(small), "small");
            b = spools.copy(new ByteArrayInputStream(large), "large");
            assertThat(a.onDisk()).isFalse();
            assertThat(b.onDisk()).isTrue();
            assertThat(b.size()).isEqualTo(large.length);
            try (InputStream in = b.open()) {
                assertThat(in.readAllBytes()).isEqualTo(large);
            }
            try (InputStream in = b.open()) {
                assertThat(in.readAllBytes()).isEqualTo(large);
            }
            try (var files = Files.list(dir)) {
                assertThat(files.count()).isEqualTo(1);
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void theWholeMessageIsBounded() {
        try (var spools = new Spools(dir, 10, 1000)) {
            spools.copy(new ByteArrayInputStream(new byte[600]), "first");
            assertThatThrownBy(() -> spools.copy(new ByteArrayInputStream(new byte[600]), "second"))
                    .isInstanceOfSatisfying(XRoadException.class, e -> {
                        assertThat(e.code().endsWith(ErrorCode.INVALID_MESSAGE)).isTrue();
                        assertThat(e.getMessage()).contains("second");
                    });
        }
    }
}
