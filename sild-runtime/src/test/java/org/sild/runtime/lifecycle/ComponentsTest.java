package org.sild.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentsTest {

    @Test
    void stopsTheLastStartedFirstAndGoesOnPastAFailureOnce() {
        var stopped = new ArrayList<String>();
        var components = new Components();
        components.add(() -> stopped.add("store"));
        components.add(() -> {
            stopped.add("proxy");
            throw new IllegalStateException("port already gone");
        });
        AutoCloseable admin = components.add(() -> stopped.add("admin"));

        components.close();
        components.close();

        assertThat(admin).isNotNull();
        assertThat(stopped).isEqualTo(List.of("admin", "proxy", "store"));
    }
}
