package org.sild.securityserver.serverconf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sild.core.id.SubsystemId;

class PathGlobTest {

    /** X-Road's PathGlob cases (glob, path, match), plus Sild's template parameters. */
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            **          | ""                | true
            ***         | match/anything/*  | true
            **          | /a/b/c            | true
            /*/         | /a/               | true
            /*/         | /a/b/             | false
            ""          | ""                | true
            ""          | " "               | false
            ".^$+{[]|()" | ".^$+{[]|()"    | true
            **/bar/**   | a/b/c/bar/e/f     | true
            **/bar/**   | a/b/c/foo/e/f     | false
            **\\*       | /what/ever*       | true
            **\\*       | /what/ever!       | false
            simple      | simple            | true
            simple      | prefix.simple.suffix | false
            **/*/**     | something/bar/something/else | true
            **/*/**     | /bar/             | true
            **/*/**     | //                | true
            **/*/**     | something/else    | false
            \\A         | \\A               | true
            \\*         | *                 | true
            \\*         | \\*               | false
            \\\\        | \\                | true
            aa\\        | aa\\              | true
            /{personalCode} | /38001010000  | true
            /{personalCode} | /3800/1010000 | false
            /{personalCode} | /             | true
            /a/{x}/b    | /a/1/b            | true
            /a/{}/b     | /a/{}/b           | true
            /a/{x/b     | /a/{x/b           | true
            /search/**  | /search           | false
            /search/**  | /search/          | true
            """)
    void matchesAsXRoad(String glob, String path, boolean expected) {
        assertThat(PathGlob.matches(glob, path)).isEqualTo(expected);
    }

    @Test
    void longInputsStayLinear() {
        String path = "/" + "a".repeat(999);
        assertThat(PathGlob.matches("/" + "*a".repeat(400) + "b", path)).isFalse();
    }

    @Test
    void accessRightCoversMethodAndPath() {
        var subject = new SubsystemId("DEV", "GOV", "70000003", "portal");
        var get = new AccessRight(subject, "persons", "GET", "/{personalCode}");
        assertThat(get.covers("get", "/123")).isTrue();
        assertThat(get.covers("POST", "/123")).isFalse();
        assertThat(get.covers("GET", "/123/x")).isFalse();
        assertThat(AccessRight.wholeService(subject, "persons").covers("DELETE", "/any/thing")).isTrue();
        assertThat(new AccessRight(subject, "persons", "*", "/a/*").covers("PATCH", "/a/b")).isTrue();
    }

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
}
