package org.sild.securityserver.serverproxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathTest {

    @Test
    void pathsAreDecodedAndNormalisedAndClimbingIsRefused() {
        assertThat(RequestPath.normalize("/pets/%31")).contains("/pets/1");
        assertThat(RequestPath.normalize("/pets/./1")).contains("/pets/1");
        assertThat(RequestPath.normalize("/pets/x/../1")).contains("/pets/1");
        assertThat(RequestPath.normalize("/pets/x/..")).contains("/pets/");
        assertThat(RequestPath.normalize("/pets/%2e%2e/%2e%2e/admin")).isEmpty();
        assertThat(RequestPath.normalize("/../admin")).isEmpty();
        assertThat(RequestPath.normalize("/a..b")).isEmpty();
        assertThat(RequestPath.normalize("/bad%zz")).isEmpty();
        assertThat(RequestPath.normalize("/bad%")).isEmpty();
        assertThat(RequestPath.normalize("/%c3%a4")).contains("/ä");
        assertThat(RequestPath.normalize("/%ff")).isEmpty();
        assertThat(RequestPath.normalize("")).contains("");
        assertThat(RequestPath.normalize("/a//b")).contains("/a//b");
    }
}
