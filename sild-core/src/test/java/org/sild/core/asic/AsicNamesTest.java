package org.sild.core.asic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsicNamesTest {

    // The long query id of X-Road's AsicContainerNameGeneratorTest (already URL-encoded once).
    private static final String LONG_QUERY_ID = "2871039339481435975/%3Cuox+xmlns%3D%22http%3A%2F%2Fa.b%2F%22+xmlns"
            + "%3Axsi%3D%22http%3A%2F%2Fwww.w3.org%2F2001%2FXMLSchema-instance%22+xsi%3AschemaLocation%3D%22http%3A%2F%"
            + "2Fa.b%2F+http%3A%2F%2Flj8x2nig9nwry1gc2kw5maxtgkmcacy4lvdj2.burpcollaborator.net%2Fuox.xsd%22%3Euox%3C%2"
            + "Fuox%3E";

    @Test
    void shortNames() {
        assertThat(AsicNames.containerName("ID1234", false, 3)).isEqualTo("ID1234-request-3.asice");
        assertThat(AsicNames.containerName("ID1234", true, 33)).isEqualTo("ID1234-response-11.asice");
        assertThat(AsicNames.containerName("a/b\\c:d e", true, 1)).isEqualTo("a%2Fb%5Cc%3Ad+e-response-1.asice");
    }

    @Test
    void longNamesStayWithin255CharsAndKeepTheSequence() {
        for (boolean response : new boolean[] {false, true}) {
            for (String q : new String[] {LONG_QUERY_ID, "myquery1234", "ä".repeat(500)}) {
                String name = AsicNames.containerName(q, response, Long.MAX_VALUE);
                assertThat(name.length()).isLessThanOrEqualTo(255);
                assertThat(name).contains(Long.toString(Long.MAX_VALUE, 32)).endsWith(".asice");
            }
        }
    }
}
