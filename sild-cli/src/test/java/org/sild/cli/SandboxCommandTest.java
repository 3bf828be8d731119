package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SandboxCommandTest {

    @Test
    void saysWhatItWillStartAndThatItCannotYet() {
        var r = CliRunner.run("sandbox");
        assertThat(r.exitCode()).isEqualTo(SandboxCommand.NOT_YET).isNotZero();
        assertThat(r.err()).contains("trust services", "central server", "security servers", "not yet");
        assertThat(r.out()).isEmpty();
    }
}
