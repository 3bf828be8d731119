package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.e2e.TwoServers.API;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.CONSUMER;
import static org.sild.e2e.TwoServers.PROVIDER;
import static org.sild.e2e.TwoServers.SS1;
import static org.sild.e2e.TwoServers.SS2;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.client.BytesRequestContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.asic.AsicVerification;
import org.sild.core.asic.AsicVerifier;
import org.sild.core.asic.VerificationConf;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapParser;
import org.sild.e2e.ProviderIs.Reply;
import org.sild.securityserver.messagelog.MessageLogSettings;

/**
 * Acceptance 1 of the evidence issue: every ASiC-E container a Sild exchange leaves — SOAP with and
 * without attachments, REST with and without a body, a REST body over the logging limit, each with a
 * single and with a batch time-stamp — downloads from {@code /asic} on both servers and verifies with
 * {@link AsicVerifier} and with {@code sild verify}; changing a byte of any entry makes it fail with a
 * reason. The time-stamper's own schedule is a day apart here, so the test decides what is pending
 * when records are stamped.
 */
class EvidenceTest {

    private static final SubsystemId QUIET = PROVIDER.subsystem("quiet");
    private static final ServiceId PERSONS = new ServiceId(API, "persons");
    private static final ServiceId GET_PERSON = new ServiceId(API, "getPerson", "v1");
    private static final ServiceId QUIET_PERSONS = new ServiceId(QUIET, "persons");
    private static final ServiceId QUIET_GET_PERSON = new ServiceId(QUIET, "getPerson", "v1");
    private static final int MAX_LOGGED_BODY = 1024;
    private static final String BOUNDARY = "e2e-evidence-boundary";
    private static final long SEED = 20_240_505L;
    private static final int POSITIONS_PER_ENTRY = 4;

    private static TestNetwork net;
    /**
     * Where in {@code signatures.xml} a random change is made: the signed parts, the signature value and
     * the embedded time-stamp (of a single time-stamp; a batch one covers the whole document). Elsewhere (OCSP responses' certificate copies, CompleteCertificateRefs,
     * unsigned Id attributes) a few changes pass, as in X-Road; sild-core's {@code AsicRoundTripTest}
     * changes every byte and holds that residue to its documented list.
     */
    private static final List<String> SIGNATURE_REGIONS = List.of("ds:SignedInfo", "ds:SignatureValue",
            "xades:SignedProperties", "xades:EncapsulatedTimeStamp");
    /** Every tampering's outcome, "entry: code: reason", printed after the class for review. */
    private static final List<String> tamperings = new CopyOnWriteArrayList<>();
    private static ProviderIs is;
    /** Runs on the provider IS while it handles a request: both request records are logged then, nothing else. */
    private static volatile Runnable onRequest = () -> { };
    private static Path conf;
    private static AsicVerifier verifier;

    @TempDir
    static Path dir;

    /** The exchanges whose containers are checked. */
    enum Kind {
        SOAP, SOAP_WITH_ATTACHMENT, REST_WITHOUT_BODY, REST_WITH_BODY, REST_BODY_OVER_LOGGING_LIMIT;

        boolean restBodyLogged() {
            return this == REST_WITH_BODY;
        }

        /** Whether the container lacks data the signature covers (SOAP attachments, REST bodies over the limit). */
        boolean hasUnverifiedParts(boolean response) {
            return this == SOAP_WITH_ATTACHMENT && !response || this == REST_BODY_OVER_LOGGING_LIMIT;
        }
    }

    @BeforeAll
    static void start() {
        MessageLogSettings log = MessageLogSettings.builder().timestampInterval(Duration.ofDays(1))
                .timestampRetryDelay(Duration.ofDays(1))
                .bodyLoggingDisabledFor(List.of("E2E/COM/2002/quiet")).build();
        net = TestNetwork.builder()
                .member(CONSUMER, "Consumer Agency", "app")
                .member(PROVIDER, "Provider Company", "api", "quiet")
                .server(SS1, APP)
                .server(SS2, API, QUIET)
                .configure(SS1, c -> c.withMessageLog(log))
                .configure(SS2, c -> c.withMessageLog(log))
                .proxy(SS1, p -> p.maxLoggedRestBodyBytes(MAX_LOGGED_BODY))
                .proxy(SS2, p -> p.maxLoggedRestBodyBytes(MAX_LOGGED_BODY))
                .start();
        is = net.providerIs("evidence-is").answer(EvidenceTest::answer);
        net.restService(PERSONS, is.url("/persons"));
        net.soapService(GET_PERSON, is.url("/soap"));
        net.restService(QUIET_PERSONS, is.url("/quiet"));
        net.soapService(QUIET_GET_PERSON, is.url("/soap"));
        net.allow(APP, PERSONS);
        net.allow(APP, GET_PERSON);
        net.allow(APP, QUIET_PERSONS);
        net.allow(APP, QUIET_GET_PERSON);
        conf = Evidence.verificationConf(net, SS1, dir);
        verifier = new AsicVerifier(VerificationConf.load(conf));
    }

    @AfterAll
    static void stop() {
        System.out.printf("tampered containers: %d changes detected; distinct reasons:%n", tamperings.size());
        tamperings.stream().map(t -> t.replaceAll("\\[row,col\\]:\\[\\d+,\\d+\\]", "[row,col]")).distinct().sorted()
                .forEach(t -> System.out.println("  " + t));
        if (net != null) {
            net.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void singleStampedContainersVerifyAndTamperingFails(Kind kind) {
        var stampedWhileHandled = new CopyOnWriteArrayList<Integer>();
        onRequest = () -> {
            stampedWhileHandled.add(stamp(SS1));
            stampedWhileHandled.add(stamp(SS2));
        };
        String id;
        try {
            id = exchange(kind);
        } finally {
            onRequest = () -> { };
        }
        assertThat(stampedWhileHandled).as("each server's request record was alone when stamped").containsExactly(1, 1);
        assertThat(stamp(SS1)).as("the consumer's response record alone").isEqualTo(1);
        assertThat(stamp(SS2)).as("the provider's response record alone").isEqualTo(1);

        checkEvidence(kind, List.of(id), false);
    }

    @Test
    void batchStampedContainersVerifyAndTamperingFails() {
        var ids = new LinkedHashMap<Kind, String>();
        for (Kind kind : Kind.values()) {
            ids.put(kind, exchange(kind));
        }
        assertThat(stamp(SS1)).as("one batch of every record on the consumer's server").isEqualTo(2 * ids.size());
        assertThat(stamp(SS2)).isEqualTo(2 * ids.size());

        ids.forEach((kind, id) -> checkEvidence(kind, List.of(id), true));
    }

    /**
     * Acceptance 6 (plain HTTP part): the client of a message gets its containers ({@code unique} with
     * {@code requestOnly} the container itself, by default a ZIP of both); another client of the same
     * server gets nothing for that message id; an unknown client is refused.
     */
    @Test
    void asicServesTheMessagesClientOnly() {
        String id = exchange(Kind.REST_WITH_BODY);
        stamp(SS1);
        stamp(SS2);

        Answer unique = Evidence.asic(net, SS2, API, id, "unique", "requestOnly");
        assertThat(unique.status()).as(unique.toString()).isEqualTo(200);
        assertThat(unique.contentType()).startsWith("application/vnd.etsi.asic-e+zip");
        assertThat(unique.header("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains(id + "-request-"));
        assertThat(verifier.verify(unique.body()).valid()).isTrue();
        assertThat(Evidence.containers(net, SS2, API, id)).hasSize(2);

        Answer other = Evidence.asic(net, SS2, QUIET, id);
        assertThat(other.status()).as("another client of the provider's server: %s", other).isEqualTo(404);
        Answer unknown = Evidence.asic(net, SS1, PROVIDER.subsystem("nobody"), id);
        assertThat(unknown.status()).as("a client not hosted here: %s", unknown).isEqualTo(401);
    }

    /**
     * A provider subsystem configured not to have bodies logged: both servers keep only the metadata,
     * the records are stamped and their containers download, but the signature — made over the whole
     * message — no longer matches what the container holds, so verification fails, as X-Road's
     * asicverifier fails such records ("Signature is not valid" for a plain SOAP signature; with a REST
     * body the signature covers a hash chain, whose reference to {@code /message.xml} fails first).
     * That is X-Road's trade of evidence for confidentiality, kept for compatibility.
     */
    @Test
    void containersOfAMetadataOnlySubsystemExistButDoNotVerify() {
        String soapId = "quiet-soap-" + UUID.randomUUID();
        Answer soap = net.client(SS1).soapCall(Soap.request(APP, QUIET_GET_PERSON, soapId,
                "<p:getPerson xmlns:p=\"urn:e2e\"><p:code>secret</p:code></p:getPerson>"));
        assertThat(soap.status()).as(soap.toString()).isEqualTo(200);
        assertThat(soap.faultCode()).as(soap.toString()).isEmpty();
        String restId = "quiet-rest-" + UUID.randomUUID();
        Answer rest = net.client(SS1).send(net.client(SS1).rest(APP, "POST", QUIET_PERSONS, "/search?secret=1")
                .headers(h -> h.put("X-Road-Id", restId))
                .body(new BytesRequestContent("application/json", "{\"code\":\"secret\"}".getBytes(StandardCharsets.UTF_8))));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        stamp(SS1);
        stamp(SS2);

        for (String id : List.of(soapId, restId)) {
            for (var side : List.of(Map.entry(SS1, (ClientId) APP), Map.entry(SS2, (ClientId) QUIET))) {
                Map<String, byte[]> containers = Evidence.containers(net, side.getKey(), side.getValue(), id);
                assertThat(containers).as("containers on %s", side.getKey()).hasSize(2);
                containers.forEach((name, container) -> {
                    Map<String, byte[]> entries = Evidence.entries(container);
                    assertThat(entries).as("no body is kept").doesNotContainKey("attachment1");
                    assertThat(new String(entries.get("message.xml"), StandardCharsets.UTF_8))
                            .as("body, service path and query dropped").doesNotContain("secret");
                    AsicVerification result = verifier.verify(container);
                    assertThat(result.valid()).as("%s on %s", name, side.getKey()).isFalse();
                    assertThat(result.code()).as(name).hasValue(id.equals(soapId) ? "invalid_signature_value"
                            : "malformed_signature.invalid_hash_chain_ref");
                    assertThat(result.reason()).as(name).contains("/message.xml");
                });
            }
        }
    }

    /**
     * Neither the signature nor the time-stamp covers the manifests, and X-Road's verifier only checks that
     * they are not empty; Sild's checks them against the container, so a change is found.
     */
    @Test
    void aChangedManifestIsDetected() {
        String id = exchange(Kind.SOAP);
        stamp(SS1);
        stamp(SS2);
        byte[] container = Evidence.containers(net, SS1, APP, id).values().iterator().next();
        for (String manifest : List.of("META-INF/manifest.xml", "META-INF/ASiCManifest.xml")) {
            byte[] content = Evidence.entries(container).get(manifest);
            assertThat(content).as(manifest).isNotNull();
            AsicVerification result = verifier.verify(Evidence.tamper(container, manifest, content.length / 2));
            assertThat(result.valid()).as("%s changed near '%s'", manifest, context(content, content.length / 2))
                    .isFalse();
        }
    }

    /** Downloads, verifies (in-process and with {@code sild verify}) and tampers with the containers of {@code ids}. */
    private static void checkEvidence(Kind kind, List<String> ids, boolean batch) {
        Path out = dir.resolve((batch ? "batch-" : "single-") + kind);
        var files = new ArrayList<Path>();
        for (String id : ids) {
            for (var side : List.of(Map.entry(SS1, (ClientId) APP), Map.entry(SS2, (ClientId) API))) {
                Map<String, byte[]> containers = Evidence.containers(net, side.getKey(), side.getValue(), id);
                assertThat(containers.keySet()).as("%s on %s", id, side.getKey()).hasSize(2)
                        .anyMatch(n -> n.startsWith(id + "-request-")).anyMatch(n -> n.startsWith(id + "-response-"));
                containers.forEach((name, container) -> {
                    boolean response = name.contains("-response-");
                    AsicVerification result = verifier.verify(container);
                    assertThat(result.valid()).as("%s %s on %s: %s", kind, name, side.getKey(), result.reason()).isTrue();
                    AsicVerification.Checked checked = result.checked().orElseThrow();
                    assertThat(checked.signer()).isEqualTo(response ? PROVIDER : CONSUMER);
                    assertThat(checked.batchTimeStamp()).as(name).isEqualTo(batch);
                    assertThat(checked.unverifiedParts().isEmpty()).as("%s: unverified %s", name,
                            checked.unverifiedParts()).isEqualTo(!kind.hasUnverifiedParts(response));
                    Map<String, byte[]> entries = Evidence.entries(container);
                    assertThat(entries.containsKey("attachment1")).as("%s: REST body kept", name)
                            .isEqualTo(kind.restBodyLogged());
                    assertThat(entries.containsKey("META-INF/timestamp.tst")).isEqualTo(batch);
                    files.add(Evidence.write(out.resolve(side.getKey().serverCode()).resolve(name), container));
                    if (side.getKey().equals(SS1)) {
                        tamperEveryEntry(name, container);
                    }
                });
            }
        }
        Evidence.Cli cli = Evidence.verify(conf, files);
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        for (Path f : files) {
            assertThat(cli.lines()).as(cli.out()).anyMatch(l -> l.startsWith("valid " + f.getFileName() + ": signed by "));
        }
        Path tampered = Evidence.write(out.resolve("tampered").resolve(files.get(0).getFileName()),
                Evidence.tamper(Evidence.read(files.get(0)), "message.xml", 0));
        Evidence.Cli bad = Evidence.verify(conf, List.of(files.get(1), tampered));
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
        assertThat(bad.lines()).anyMatch(l -> l.startsWith("valid " + files.get(1).getFileName()))
                .anyMatch(l -> l.startsWith("invalid " + tampered.getFileName() + ": "));
    }

    /**
     * Changes one byte at a time of every entry (first, last and seeded random positions; in
     * {@code signatures.xml} the random ones in {@link #SIGNATURE_REGIONS}) and checks the verifier refuses
     * each copy with a fault code and a reason; an unchanged rewrite is the control. Every undetected
     * change is listed at once.
     */
    private static void tamperEveryEntry(String name, byte[] container) {
        assertThat(verifier.verify(Evidence.rewrite(container)).valid()).as("%s rewritten unchanged", name).isTrue();
        // Seeded by what the container is, not by its message id (random per run).
        var random = new Random(SEED ^ name.replaceAll("^.*-(request|response)-.*$", "$1").hashCode()
                ^ Evidence.entries(container).keySet().hashCode());
        var undetected = new ArrayList<String>();
        Evidence.entries(container).forEach((entry, content) -> {
            var positions = new ArrayList<Integer>(List.of(0, content.length - 1));
            for (int i = 0; i < POSITIONS_PER_ENTRY; i++) {
                positions.add(randomPosition(entry, content, random));
            }
            for (int position : positions) {
                AsicVerification result = verifier.verify(Evidence.tamper(container, entry, position));
                if (result.valid()) {
                    undetected.add(entry + " byte " + position + " of " + content.length + " near '"
                            + context(content, position) + "'");
                    continue;
                }
                assertThat(result.faultCode()).isPresent();
                assertThat(result.reason()).as("%s byte %d", entry, position).isNotBlank();
                tamperings.add(entry + ": " + result.code().orElseThrow() + ": " + result.reason());
            }
        });
        assertThat(undetected).as("changes to %s the verifier did not detect", name).isEmpty();
    }

    /** A random position of {@code content}; in the signature document one inside a signed region. */
    private static int randomPosition(String entry, byte[] content, Random random) {
        if (!entry.equals("META-INF/signatures.xml")) {
            return random.nextInt(content.length);
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        List<String> present = SIGNATURE_REGIONS.stream().filter(r -> text.contains("<" + r)).toList();
        String region = present.get(random.nextInt(present.size()));
        int start = text.indexOf("<" + region);
        return start + random.nextInt(text.indexOf("</" + region + ">", start) - start);
    }

    private static String context(byte[] content, int position) {
        int from = Math.max(0, position - 40);
        int to = Math.min(content.length, position + 40);
        return new String(content, from, to - from, StandardCharsets.ISO_8859_1).replaceAll("\\s", " ");
    }

    /** Stamps what is pending on {@code server} now; returns how many records it stamped. */
    private static int stamp(SecurityServerId server) {
        return net.server(server).timestamper().stampPending();
    }

    /** Runs one exchange of {@code kind} from {@code APP} and returns its message id. */
    private static String exchange(Kind kind) {
        String id = kind.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID();
        IsClient client = net.client(SS1);
        Answer answer = switch (kind) {
            case SOAP -> client.soapCall(Soap.request(APP, GET_PERSON, id,
                    "<p:getPerson xmlns:p=\"urn:e2e\"><p:code>38001010001</p:code></p:getPerson>"));
            case SOAP_WITH_ATTACHMENT -> soapWithAttachment(client, id);
            case REST_WITHOUT_BODY -> client.send(client.rest(APP, "GET", PERSONS, "/38001010001?fields=name")
                    .headers(h -> h.put("X-Road-Id", id)));
            case REST_WITH_BODY -> client.send(client.rest(APP, "POST", PERSONS, "/search")
                    .headers(h -> h.put("X-Road-Id", id)).body(new BytesRequestContent("application/json",
                            "{\"name\":\"Mari\"}".getBytes(StandardCharsets.UTF_8))));
            case REST_BODY_OVER_LOGGING_LIMIT -> client.send(client.rest(APP, "POST", PERSONS, "/upload")
                    .headers(h -> h.put("X-Road-Id", id)).body(new BytesRequestContent("application/octet-stream",
                            filled(4 * MAX_LOGGED_BODY))));
        };
        assertThat(answer.status()).as("%s: %s", kind, answer).isEqualTo(200);
        assertThat(answer.faultCode()).as(answer.toString()).isEmpty();
        return id;
    }

    private static Answer soapWithAttachment(IsClient client, String id) {
        byte[] envelope = Soap.request(APP, GET_PERSON, id,
                "<p:getPerson xmlns:p=\"urn:e2e\"><p:code>38001010001</p:code></p:getPerson>");
        String head = "--" + BOUNDARY + "\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-ID: <rootpart>\r\n\r\n"
                + new String(envelope, StandardCharsets.UTF_8) + "\r\n--" + BOUNDARY
                + "\r\nContent-Type: application/octet-stream\r\nContent-ID: <photo.bin>\r\n\r\n";
        byte[] attachment = filled(3000);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] head8 = head.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(head8, head8.length + attachment.length + tail.length);
        System.arraycopy(attachment, 0, body, head8.length, attachment.length);
        System.arraycopy(tail, 0, body, head8.length + attachment.length, tail.length);
        String contentType = "multipart/related; type=\"text/xml\"; start=\"<rootpart>\"; boundary=\"" + BOUNDARY + "\"";
        return client.send(client.soap(envelope).body(new BytesRequestContent(contentType, body)));
    }

    /** The provider IS: SOAP answers echo the request headers; REST GET answers empty, POST echoes the body. */
    private static Reply answer(ProviderIs.Received request) throws Exception {
        onRequest.run();
        String type = request.header("Content-Type").orElse("");
        if (type.startsWith("multipart/related")) {
            SoapPackage pkg = new SoapParser(SoapLimits.withMaxSoapBytes(1024 * 1024))
                    .readRequest(new ByteArrayInputStream(request.body()), type);
            for (var a = pkg.nextAttachment(); a.isPresent(); a = pkg.nextAttachment()) {
                a.get().body().readAllBytes(); // drained: the answer only needs the envelope
            }
            return Reply.of(200, "text/xml; charset=UTF-8", Soap.answer(pkg.soap().bytes()));
        }
        if (type.startsWith("text/xml")) {
            return Reply.of(200, "text/xml; charset=UTF-8", Soap.answer(request.body()));
        }
        if (request.method().equals("GET")) {
            return Reply.of(200, "", new byte[0]);
        }
        return Reply.of(200, type, request.body());
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
