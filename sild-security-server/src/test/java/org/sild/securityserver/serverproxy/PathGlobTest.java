package org.sild.securityserver.serverproxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathGlobTest {

    @Test
    void starMatchesWithinOneSegmentAndDoubleStarAnything() {
        assertThat(PathGlob.matches("/pets/*", "/pets/1")).isTrue();
        assertThat(PathGlob.matches("/pets/*", "/pets/1/photos")).isFalse();
        assertThat(PathGlob.matches("/pets/**", "/pets/1/photos")).isTrue();
        assertThat(PathGlob.matches("/foo/*/bar", "/foo/zyggy/bar")).isTrue();
        assertThat(PathGlob.matches("/foo/*/bar", "/foo/zyggy/quux/bar")).isFalse();
        assertThat(PathGlob.matches("/foo/**bar", "/foo/whatever//bar")).isTrue();
        assertThat(PathGlob.matches("**", "")).isTrue();
        assertThat(PathGlob.matches("/pets", "/pets/")).isFalse();
    }

    @Test
    void regexCharactersAndEscapesAreLiteral() {
        assertThat(PathGlob.matches("/a.b", "/a.b")).isTrue();
        assertThat(PathGlob.matches("/a.b", "/axb")).isFalse();
        assertThat(PathGlob.matches("/a(1)+[x]", "/a(1)+[x]")).isTrue();
        assertThat(PathGlob.matches("/star\\*", "/star*")).isTrue();
        assertThat(PathGlob.matches("/star\\*", "/starx")).isFalse();
        assertThat(PathGlob.matches("/back\\\\", "/back\\")).isTrue();
    }

    @Test
    void pathsAreDecodedAndNormalisedAndClimbingIsRefused() {
        assertThat(PathGlob.normalize("/pets/%31")).contains("/pets/1");
        assertThat(PathGlob.normalize("/pets/./1")).contains("/pets/1");
        assertThat(PathGlob.normalize("/pets/x/../1")).contains("/pets/1");
        assertThat(PathGlob.normalize("/pets/x/..")).contains("/pets/");
        assertThat(PathGlob.normalize("/pets/%2e%2e/%2e%2e/admin")).isEmpty();
        assertThat(PathGlob.normalize("/../admin")).isEmpty();
        assertThat(PathGlob.normalize("/a..b")).isEmpty();
        assertThat(PathGlob.normalize("/bad%zz")).isEmpty();
        assertThat(PathGlob.normalize("/bad%")).isEmpty();
        assertThat(PathGlob.normalize("/%c3%a4")).contains("/ä");
        assertThat(PathGlob.normalize("/%ff")).isEmpty();
        assertThat(PathGlob.normalize("")).contains("");
        assertThat(PathGlob.normalize("/a//b")).contains("/a//b");
    }
}
