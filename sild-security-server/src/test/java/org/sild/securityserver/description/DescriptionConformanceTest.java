package org.sild.securityserver.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.securityserver.description.OpenApiReader.Operation;
import org.sild.securityserver.description.WsdlReader.WsdlService;
import org.sild.testing.Vectors;

/**
 * X-Road's service description test documents (README-vectors section F): the system test's WSDLs
 * and OpenAPI documents and the metaservice WSDL and petstore documents yield the services and
 * endpoints X-Road registers from them. Prints how many were exercised.
 */
class DescriptionConformanceTest {

    static final String TEST_SERVICES =
            "src/security-server/system-test/src/intTest/resources/nginx-container-files/var/lib/xroad/services/test-services/";
    static final String METASERVICE = "src/addons/metaservice/src/test/resources/__files/";
    static final URI URL = URI.create("http://is.example/doc");

    @Test
    void systemTestWsdls() {
        assertThat(WsdlReader.read(bytes(TEST_SERVICES + "testservice1.wsdl"))).containsExactly(
                new WsdlService("testOp1", Optional.empty(), Optional.of(URI.create("http://www.niis.org/nosuch1/"))),
                new WsdlService("testOpA", Optional.empty(), Optional.of(URI.create("http://www.niis.org/nosuch1/"))));
        assertThat(WsdlReader.read(bytes(TEST_SERVICES + "testservice2.wsdl"))).extracting(WsdlService::code)
                .containsExactly("testOp2", "testOpX");
        assertThat(WsdlReader.read(bytes(TEST_SERVICES + "testservice3.wsdl"))).extracting(WsdlService::code)
                .containsExactlyInAnyOrder("testOpZ", "testOpBC");
        report("system test WSDLs", 3);
    }

    @Test
    void metaserviceWsdlWithVersions() {
        var address = Optional.of(URI.create("https://172.28.128.2:8084/mocktestServiceBinding"));
        assertThat(WsdlReader.read(bytes(METASERVICE + "wsdl.wsdl"))).containsExactly(
                new WsdlService("getRandom", Optional.of("v1"), address),
                new WsdlService("helloService", Optional.of("v1"), address));
        report("metaservice WSDL", 1);
    }

    @Test
    void openApi30And31Accepted() {
        OpenApiReader.OpenApi petstore = OpenApiReader.read(bytes(TEST_SERVICES + "testopenapi2.json"), URL);
        assertThat(petstore.version()).isEqualTo("3.0.0");
        assertThat(petstore.baseUrl()).isEqualTo(URI.create("https://petstore.swagger.io/v2"));
        assertThat(petstore.operations()).hasSize(20).contains(new Operation("GET", "/pet/{petId}"),
                new Operation("DELETE", "/user/{username}"), new Operation("PUT", "/pet"));
        OpenApiReader.OpenApi v31 = OpenApiReader.read(bytes(TEST_SERVICES + "testopenapi_v310.json"), URL);
        assertThat(v31.version()).isEqualTo("3.1.0");
        assertThat(v31.baseUrl()).isEqualTo(URI.create("https://example.org/api"));
        assertThat(v31.operations()).contains(new Operation("POST", "/test"));
        assertThat(OpenApiReader.read(bytes(METASERVICE + "petstore.json"), URL).operations()).hasSize(20);
        report("OpenAPI 3.0 / 3.1 documents", 3);
    }

    @Test
    void petstoreYamlWhenPresent() {
        Path yaml = root().resolve(METASERVICE + "petstore.yaml");
        assumeTrue(Files.isRegularFile(yaml), "petstore.yaml not in this vector set");
        assertThat(OpenApiReader.read(bytes(METASERVICE + "petstore.yaml"), URL).operations()).isNotEmpty();
        report("OpenAPI YAML", 1);
    }

    @Test
    void incompatibleVersionsRefusedWhenPresent() {
        int exercised = 0;
        for (String name : new String[] {TEST_SERVICES + "testopenapi_invalid_version.yaml",
                METASERVICE + "openapi_incompatible_version.yaml"}) {
            if (Files.isRegularFile(root().resolve(name))) {
                var e = catchThrowableOfType(InvalidDescriptionException.class,
                        () -> OpenApiReader.read(bytes(name), URL));
                assertThat(e.problems()).isNotEmpty();
                exercised++;
            }
        }
        report("unsupported OpenAPI versions", exercised);
    }

    static Path root() {
        return Vectors.root();
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(root().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void report(String suite, int exercised) {
        System.out.printf("conformance: service descriptions: %s: %d vectors exercised%n", suite, exercised);
    }
}
