package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.globalconf.Faults.assertFault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;

class StoredGlobalConfTest {

    private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void loadsOwnAndFederatedInstancesWithTheirOptionalParts() throws IOException {
        writeOwnInstance("EE");
        store("EE", "monitoring-params.xml", ContentPart.MONITORING, 6,
                new MonitoringParameters(Optional.of(new MemberId("EE", "GOV", "9"))).toXml());
        store("EE", "fetchinterval-params.xml", ContentPart.FETCH_INTERVAL, 6, new OcspFetchInterval(30).toXml());
        store("EE", "nextupdate-params.xml", ContentPart.NEXT_UPDATE, 6, new OcspNextUpdate(false).toXml());
        store("EE", "custom.bin", "CUSTOM", 6, new byte[] {1, 2, 3});
        var federated = SharedParameters.builder("FI").version(2).build();
        store("FI", "shared-params.xml", ContentPart.SHARED_PARAMETERS, 2, federated.toXml());
        Files.writeString(dir.resolve("EE/.tmp-download"), "ignored");

        StoredGlobalConf conf = StoredGlobalConf.load(dir);
        assertThat(conf.ownInstance()).isEqualTo("EE");
        assertThat(conf.instances()).containsOnlyKeys("EE", "FI");
        assertThat(conf.own().privateParameters()).isPresent();
        assertThat(conf.sharedParameters("FI")).map(SharedParameters::version).contains(2);
        assertThat(conf.allSharedParameters()).extracting(SharedParameters::instanceIdentifier).containsExactly("EE", "FI");
        assertThat(conf.monitoringClient()).contains(new MemberId("EE", "GOV", "9"));
        assertThat(conf.ocspFetchInterval().effectiveSeconds()).isEqualTo(60);
        assertThat(conf.ocspNextUpdate().verifyNextUpdate()).isFalse();
        assertThat(conf.own().part("CUSTOM")).isPresent();
        assertThat(conf.own().parts()).hasSize(6);
        conf.checkValid(EXPIRES.minusSeconds(1));
        assertFault(() -> conf.checkValid(EXPIRES), ErrorCode.OUTDATED_GLOBAL_CONF).hasMessageContaining("expired at");
    }

    @Test
    void defaultsWithoutOptionalParts() throws IOException {
        writeOwnInstance("EE");
        StoredGlobalConf conf = StoredGlobalConf.load(dir);
        assertThat(conf.ocspFetchInterval().seconds()).isEqualTo(1200);
        assertThat(conf.ocspNextUpdate().verifyNextUpdate()).isTrue();
        assertThat(conf.monitoringClient()).isEmpty();
    }

    @Test
    void partsWithoutExpirationDateOrMissingPartsAreNotValid() throws IOException {
        Files.writeString(dir.resolve(StoredGlobalConf.INSTANCE_IDENTIFIER_FILE), "EE\n");
        Files.createDirectories(dir.resolve("EE"));
        Files.write(dir.resolve("EE/shared-params.xml"), SharedParameters.builder("EE").build().toXml());
        Files.writeString(dir.resolve("EE/shared-params.xml.metadata"), "{\"configurationVersion\":\"6\"}");
        StoredGlobalConf conf = StoredGlobalConf.load(dir);
        assertThat(conf.own().part(ContentPart.SHARED_PARAMETERS)).isPresent();
        assertFault(() -> conf.checkValid(EXPIRES), ErrorCode.MALFORMED_GLOBAL_CONF).hasMessageContaining("PRIVATE-PARAMETERS");
        store("EE", "private-params.xml", ContentPart.PRIVATE_PARAMETERS, 3, privateParameters("EE").toXml());
        assertFault(() -> StoredGlobalConf.load(dir).checkValid(EXPIRES.minusSeconds(3600)), ErrorCode.OUTDATED_GLOBAL_CONF)
                .hasMessageContaining("no expiration date");
    }

    @Test
    void brokenTrees() throws IOException {
        assertFault(() -> StoredGlobalConf.load(dir.resolve("absent")), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertFault(() -> StoredGlobalConf.load(dir), ErrorCode.MALFORMED_GLOBAL_CONF).hasMessageContaining("instance-identifier");
        Files.writeString(dir.resolve(StoredGlobalConf.INSTANCE_IDENTIFIER_FILE), " \n");
        assertFault(() -> StoredGlobalConf.load(dir), ErrorCode.MALFORMED_GLOBAL_CONF).hasMessageContaining("empty");
        Files.writeString(dir.resolve(StoredGlobalConf.INSTANCE_IDENTIFIER_FILE), "EE");
        assertFault(() -> StoredGlobalConf.load(dir), ErrorCode.MALFORMED_GLOBAL_CONF).hasMessageContaining("own instance EE");
        writeOwnInstance("EE");
        Files.writeString(dir.resolve("EE/orphan.xml"), "<x/>");
        assertFault(() -> StoredGlobalConf.load(dir), ErrorCode.MALFORMED_GLOBAL_CONF).hasMessageContaining("orphan.xml.metadata");
        Files.delete(dir.resolve("EE/orphan.xml"));
        store("XX", "shared-params.xml", ContentPart.SHARED_PARAMETERS, 6, SharedParameters.builder("YY").build().toXml());
        assertFault(() -> StoredGlobalConf.load(dir), ErrorCode.MALFORMED_GLOBAL_CONF).hasMessageContaining("stored under XX");
        store("XX", "shared-params.xml", ContentPart.SHARED_PARAMETERS, 6, "<broken".getBytes(StandardCharsets.UTF_8));
        assertFault(() -> StoredGlobalConf.load(dir), ErrorCode.MALFORMED_GLOBAL_CONF)
                .hasMessageContaining("shared-params.xml: shared parameters");
        store("XX", "shared-params.xml", ContentPart.SHARED_PARAMETERS, 6, SharedParameters.builder("XX").build().toXml());
        Files.writeString(dir.resolve("XX/shared-params.xml.metadata"), "{broken");
        assertFault(() -> StoredGlobalConf.load(dir), ErrorCode.MALFORMED_GLOBAL_CONF)
                .hasMessageContaining("shared-params.xml.metadata: metadata");
    }

    private void writeOwnInstance(String instance) throws IOException {
        Files.writeString(dir.resolve(StoredGlobalConf.INSTANCE_IDENTIFIER_FILE), instance);
        store(instance, "private-params.xml", ContentPart.PRIVATE_PARAMETERS, 3, privateParameters(instance).toXml());
        store(instance, "shared-params.xml", ContentPart.SHARED_PARAMETERS, 6,
                SharedParameters.builder(instance).build().toXml());
    }

    private static PrivateParameters privateParameters(String instance) {
        return new PrivateParameters(3, instance, List.of(), new ManagementService("https://cs:4001/managementservice/",
                Optional.empty(), new MemberId(instance, "GOV", "1").subsystem("MANAGEMENT")), 60);
    }

    private void store(String instance, String file, String contentId, int version, byte[] content) throws IOException {
        Path instanceDir = Files.createDirectories(dir.resolve(instance));
        Files.write(instanceDir.resolve(file), content);
        var metadata = new ContentMetadata(Optional.of(contentId), Optional.of(instance), Optional.of(file),
                Optional.of("/V6/1/" + file), Optional.of(EXPIRES), Optional.of(version));
        Files.write(instanceDir.resolve(file + StoredGlobalConf.METADATA_SUFFIX), metadata.toJson());
    }
}
