package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ContentMetadata;

class GlobalConfStoreTest {

    @TempDir
    Path dir;

    private static PartFile file(String name, String content) {
        return new PartFile(name, content.getBytes(StandardCharsets.UTF_8), new ContentMetadata(Optional.of("FOO"),
                Optional.of("DEV"), Optional.empty(), Optional.of("/V6/1/" + name),
                Optional.of(Instant.parse("2030-01-01T00:00:00Z")), Optional.of(6)));
    }

    @Test
    void aWrittenGenerationIsInvisibleUntilPublishedAndThenReplacesTheOldOneAtomically() throws Exception {
        var store = new GlobalConfStore(dir);
        assertThat(store.current()).isEmpty();

        Path first = store.write("DEV", Map.of("DEV", List.of(file("a.xml", "one"))));
        assertThat(store.current()).isEmpty();
        store.publish(first);
        assertThat(store.current()).contains(first);
        assertThat(Files.isSymbolicLink(dir.resolve("current"))).isTrue();
        assertThat(Files.readString(dir.resolve("current/instance-identifier"))).isEqualTo("DEV");
        assertThat(Files.readString(dir.resolve("current/DEV/a.xml"))).isEqualTo("one");
        assertThat(ContentMetadata.parse(Files.readAllBytes(dir.resolve("current/DEV/a.xml.metadata")))
                .contentIdentifier()).contains("FOO");
        assertThat(store.read("DEV", "a.xml", 100)).hasValueSatisfying(b -> assertThat(b).asString().isEqualTo("one"));
        assertThat(store.read("DEV", "a.xml", 2)).isEmpty();

        Path second = store.write("DEV", Map.of("DEV", List.of(file("a.xml", "two"))));
        store.publish(second);
        Path third = store.write("DEV", Map.of("DEV", List.of(file("a.xml", "three"))));
        store.publish(third);

        assertThat(Files.readString(dir.resolve("current/DEV/a.xml"))).isEqualTo("three");
        assertThat(first).doesNotExist();
        assertThat(second).exists();
        assertThat(store.files("DEV")).singleElement().satisfies(f -> assertThat(f.fileName()).isEqualTo("a.xml"));
    }

    @Test
    void aDiscardedOrLeftOverGenerationIsRemoved() {
        var store = new GlobalConfStore(dir);
        Path published = store.write("DEV", Map.of("DEV", List.of(file("a.xml", "one"))));
        store.publish(published);
        Path discarded = store.write("DEV", Map.of("DEV", List.of(file("a.xml", "two"))));
        store.discard(discarded);
        assertThat(discarded).doesNotExist();

        Path crashed = store.write("DEV", Map.of("DEV", List.of(file("a.xml", "three"))));
        new GlobalConfStore(dir).cleanUp();

        assertThat(crashed).doesNotExist();
        assertThat(store.current()).contains(published);
    }

    @Test
    void aPointerFileWorksWhereSymbolicLinksDoNot() throws Exception {
        var store = new GlobalConfStore(dir);
        Path generation = store.write("DEV", Map.of("DEV", List.of(file("a.xml", "one"))));
        Files.writeString(dir.resolve("current"), generation.getFileName().toString());

        assertThat(store.current()).contains(generation);

        Files.writeString(dir.resolve("current"), "../../etc");
        assertThat(store.current()).isEmpty();
    }

    @Test
    void unsafeNamesAreRefused() {
        var store = new GlobalConfStore(dir);
        assertThatThrownBy(() -> store.write("DEV", Map.of("../x", List.of(file("a.xml", "one")))))
                .isInstanceOf(XRoadException.class)
                .satisfies(e -> assertThat(((XRoadException) e).code()).isEqualTo(FaultCode.of(ErrorCode.MALFORMED_GLOBAL_CONF)));
        assertThat(GlobalConfStore.isSafeName("shared-params.xml")).isTrue();
        assertThat(GlobalConfStore.isSafeName("..")).isFalse();
        assertThat(GlobalConfStore.isSafeName(".hidden")).isFalse();
        assertThat(GlobalConfStore.isSafeName("a/b")).isFalse();
        assertThat(GlobalConfStore.isSafeName("a\\b")).isFalse();
        assertThat(GlobalConfStore.isSafeName("")).isFalse();
    }

    @Test
    void theAnchorIsReplacedAtomically() {
        var store = new GlobalConfStore(dir);
        assertThat(store.readAnchor()).isEmpty();
        store.writeAnchor("<a/>".getBytes(StandardCharsets.UTF_8));
        store.writeAnchor("<b/>".getBytes(StandardCharsets.UTF_8));
        assertThat(store.readAnchor()).hasValueSatisfying(b -> assertThat(b).asString().isEqualTo("<b/>"));
    }
}
