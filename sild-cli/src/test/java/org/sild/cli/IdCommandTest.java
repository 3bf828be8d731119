package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdCommandTest {

    @Test
    void headerFormPrintsEveryOtherEncoding() {
        var r = CliRunner.run("id", "parse", "EE/GOV/70000001/clinic");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("type:   SUBSYSTEM", "short:  SUBSYSTEM:EE/GOV/70000001/clinic",
                "header: X-Road-Client: EE/GOV/70000001/clinic",
                "<id:subsystemCode>clinic</id:subsystemCode>");
    }

    @Test
    void xmlFormIsReadToo() {
        var r = CliRunner.run("id", "parse", "<xrd:service xmlns:xrd='http://x-road.eu/xsd/xroad.xsd' "
                + "xmlns:id='http://x-road.eu/xsd/identifiers' id:objectType='SERVICE'><id:xRoadInstance>EE"
                + "</id:xRoadInstance><id:memberClass>GOV</id:memberClass><id:memberCode>1</id:memberCode>"
                + "<id:subsystemCode>s</id:subsystemCode><id:serviceCode>getX</id:serviceCode></xrd:service>");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("url:    /r1/EE/GOV/1/s/getX", "header: X-Road-Service: EE/GOV/1/s/getX");
    }

    @Test
    void restUrlAndShortFormAreRead() {
        assertThat(CliRunner.run("id", "parse", "/r1/EE/GOV/1/s/getX/some/path?q=1").out())
                .contains("short:  SERVICE:EE/GOV/1/s/getX");
        assertThat(CliRunner.run("id", "parse", "SERVER:EE/GOV/1/ss1").out())
                .contains("header: X-Road-Security-Server: EE/GOV/1/ss1");
    }

    @Test
    void badInputExitsOneWithTheReason() {
        var r = CliRunner.run("id", "parse", "EE/GOV");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("invalid: client identifier 'EE/GOV' has 2 parts");
        var xml = CliRunner.run("id", "parse", "<client objectType='MEMBER'/>");
        assertThat(xml.exitCode()).isEqualTo(1);
        assertThat(xml.err()).contains("no id:objectType");
    }
}
