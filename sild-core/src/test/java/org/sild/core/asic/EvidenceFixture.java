package org.sild.core.asic;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.hashchain.Digest;
import org.sild.core.hashchain.HashChainBuilder;
import org.sild.core.hashchain.HashChainFiles;
import org.sild.core.hashchain.HashChains;
import org.sild.core.pki.TimeStampToken;
import org.sild.core.rest.HttpHeader;
import org.sild.core.rest.RestRequest;
import org.sild.core.rest.RestResponse;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.MessageSigner;
import org.sild.core.signature.SignatureData;
import org.sild.core.signature.SigningKey;
import org.sild.core.signature.XadesSignature;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestPki;

/**
 * Test fixture: evidence containers made the way a security server makes them — messages signed with
 * {@link MessageSigner} (alone or in a batch), OCSP from the test PKI, time-stamps from the test TSA stored
 * with the TSA certificate added, single ones embedded in the signature and batch ones over a hash chain of
 * signature hashes — and the verification configuration that trusts that PKI.
 */
final class EvidenceFixture {

    static final String EJBCA = "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";
    static final TestPki PKI = TestPki.create();
    static final IssuedCert SIGNING = PKI.signingCert("GOV", "70000003");
    static final MessageSigner SIGNER = MessageSigner.builder().signingKey(SigningKey.software(SIGNING.privateKey()))
            .certificate(SIGNING.certificate()).extraCertificates(List.of(PKI.intermediate().certificate()))
            .ocspResponses(List.of(PKI.ocsp(SIGNING.certificate()).build(),
                    PKI.ocsp(PKI.intermediate().certificate()).build()))
            .build();
    static final SharedParameters SHARED = shared();
    static final VerificationConf CONF = VerificationConf.of(List.of(SHARED));

    private static final String CLIENT = PKI.instance() + "/GOV/70000003/portal";
    private static final String SERVICE_PATH = "/r1/" + PKI.instance() + "/GOV/70000003/registry/persons";

    /** One message ready to be signed: its bytes and attachments. */
    record Message(byte[] message, List<byte[]> attachments) {
        MessageParts parts() {
            return new MessageParts(message, attachments.stream().map(a -> Digest.of(DigestAlgorithm.SHA512, a))
                    .toList());
        }
    }

    private EvidenceFixture() {
    }

    static Message soapRequest() {
        return new Message(utf8(soap("<m:getPerson xmlns:m=\"urn:m\"><m:id>38001010000</m:id></m:getPerson>")),
                List.of());
    }

    static Message soapResponseWithAttachments() {
        return new Message(utf8(soap("<m:getPersonResponse xmlns:m=\"urn:m\"><m:ok>true</m:ok></m:getPersonResponse>")),
                List.of(utf8("first attachment\r\n"), binary(600)));
    }

    static Message restRequestWithoutBody() {
        return new Message(restRequest("GET").headerPart(), List.of());
    }

    static Message restRequestWithBody() {
        return new Message(restRequest("POST").headerPart(), List.of(utf8("{\"name\":\"Mari\",\"age\":42}")));
    }

    static Message restResponseWithBody() {
        RestRequest request = restRequest("GET");
        RestResponse response = RestResponse.fromProvider(200, "OK",
                List.of(new HttpHeader("Content-Type", "application/json")), request,
                DigestAlgorithm.SHA512.base64Digest(request.headerPart()));
        return new Message(response.headerPart(), List.of(binary(5000)));
    }

    /** {@code message} signed alone and time-stamped alone (the token embedded in the signature). */
    static AsicContainer single(Message message) {
        SignatureData signature = SIGNER.sign(message.parts());
        XadesSignature xades = XadesSignature.parse(signature.signatureXml());
        byte[] token = stamp(xades.signatureValue());
        byte[] stamped = xades.withSignatureTimeStamp(token);
        SignatureData data = signature.hasHashChain()
                ? SignatureData.batch(stamped, signature.hashChainResult().orElseThrow(),
                        signature.hashChain().orElseThrow())
                : SignatureData.of(stamped);
        return new AsicContainer(message.message(), data, Optional.empty(), message.attachments(), time());
    }

    /**
     * {@code messages} signed alone ({@code batchSigned} false) or as one batch, then time-stamped together over
     * the hash chain of their signature hashes, as the time-stamper does.
     */
    static List<AsicContainer> batch(List<Message> messages, boolean batchSigned) {
        List<SignatureData> signatures = batchSigned
                ? SIGNER.signBatch(messages.stream().map(Message::parts).toList())
                : messages.stream().map(m -> SIGNER.sign(m.parts())).toList();
        var builder = new HashChainBuilder(DigestAlgorithm.SHA512);
        signatures.forEach(s -> builder.add(Digest.of(DigestAlgorithm.SHA512, s.signatureXml())));
        HashChains chains = builder.build(HashChainFiles.TIMESTAMP);
        byte[] token = stamp(chains.resultXml());
        var containers = new ArrayList<AsicContainer>();
        for (int i = 0; i < messages.size(); i++) {
            var ts = new BatchTimeStamp(token, chains.resultXml(), chains.chainXml(i));
            containers.add(new AsicContainer(messages.get(i).message(), signatures.get(i), Optional.of(ts),
                    messages.get(i).attachments(), time()));
        }
        return containers;
    }

    /** A token over {@code data} as the security server stores it: without certReq, TSA certificate added. */
    static byte[] stamp(byte[] data) {
        byte[] token = PKI.timeStamp("SHA-512", DigestAlgorithm.SHA512.digest(data)).includeCertificate(false).token();
        return TimeStampToken.parse(token).withCertificate(PKI.tsa().certificate()).encoded();
    }

    static Instant time() {
        return PKI.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] binary(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static String soap(String body) {
        String id = "xmlns:id=\"http://x-road.eu/xsd/identifiers\"";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope"
                + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\" " + id + "><SOAP-ENV:Header>"
                + "<xrd:client id:objectType=\"SUBSYSTEM\"><id:xRoadInstance>" + PKI.instance() + "</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>70000003</id:memberCode>"
                + "<id:subsystemCode>portal</id:subsystemCode></xrd:client>"
                + "<xrd:service id:objectType=\"SERVICE\"><id:xRoadInstance>" + PKI.instance() + "</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>70000003</id:memberCode>"
                + "<id:subsystemCode>registry</id:subsystemCode><id:serviceCode>getPerson</id:serviceCode>"
                + "<id:serviceVersion>v1</id:serviceVersion></xrd:service>"
                + "<xrd:id>q-1</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion></SOAP-ENV:Header>"
                + "<SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    private static RestRequest restRequest(String method) {
        return RestRequest.fromClient(method, SERVICE_PATH, Optional.of("id=1"),
                List.of(new HttpHeader("X-Road-Client", CLIENT), new HttpHeader("X-Road-Id", "q-rest")),
                "5f0a3a6e-6c2b-4b55-9d1e-0d7b3f2f9c11", () -> "q-rest");
    }

    private static SharedParameters shared() {
        var responder = List.of(new ApprovedCa.OcspResponder("http://127.0.0.1:1/ocsp", Optional.empty(),
                Optional.empty()));
        var root = new ApprovedCa.CaInfo(PKI.root().certificate(), responder);
        var intermediate = new ApprovedCa.CaInfo(PKI.intermediate().certificate(), responder);
        return SharedParameters.builder(PKI.instance())
                .approvedCa(new ApprovedCa("Test CA", Optional.of(false), root, List.of(intermediate), EJBCA,
                        Optional.empty(), Optional.empty()))
                .approvedTsa(new ApprovedTsa("Test TSA", "http://127.0.0.1:1/tsa", PKI.tsa().certificate(),
                        Optional.empty()))
                .build();
    }

    static List<X509Certificate> trustBase() {
        return List.of(PKI.root().certificate(), PKI.intermediate().certificate(), PKI.tsa().certificate());
    }
}
