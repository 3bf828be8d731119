package org.sild.trustservices.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.trustservices.ca.CaFixtures.assertFault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;

class Pkcs12FileTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBack() throws Exception {
        Path file = dir.resolve("sub/ca.p12");

        Pkcs12File.write(file, "secret".toCharArray(), CaFixtures.root());
        var read = Pkcs12File.read(file, "secret".toCharArray()).orElseThrow();

        assertThat(read.certificate()).isEqualTo(CaFixtures.root().certificate());
        assertThat(read.privateKey().getEncoded()).isEqualTo(CaFixtures.root().privateKey().getEncoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aMissingFileIsEmpty() {
        assertThat(Pkcs12File.read(dir.resolve("none.p12"), "x".toCharArray())).isEmpty();
    }

    @Test
    void aWrongPasswordOrBrokenFileFails() throws Exception {
        Path file = dir.resolve("ca.p12");
        Pkcs12File.write(file, "secret".toCharArray(), CaFixtures.root());
        Path broken = Files.write(dir.resolve("broken.p12"), new byte[] {1, 2, 3});

        assertFault(() -> Pkcs12File.read(file, "wrong".toCharArray()), ErrorCode.PIN_INCORRECT);
        assertFault(() -> Pkcs12File.read(broken, "secret".toCharArray()), ErrorCode.INTERNAL_ERROR);
    }
}
