package org.sild.core.hashchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class HashChainVerifierTest {

    private static final String RESULT = "/r.xml";
    private static final String CHAIN = "/c.xml";
    private static final String SHA256 = DigestAlgorithm.SHA256.uri();

    private final Map<String, byte[]> files = new HashMap<>();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Digest sha256(String text) {
        return Digest.of(DigestAlgorithm.SHA256, utf8(text));
    }

    private static String chain(String steps) {
        return "<h:HashChain xmlns:h='http://cyber.ee/hashchain' xmlns:ds='http://www.w3.org/2000/09/xmldsig#'>"
                + "<h:DefaultDigestMethod Algorithm='" + SHA256 + "'/>" + steps + "</h:HashChain>";
    }

    private static String result(String uri, byte[] digest) {
        return "<h:HashChainResult xmlns:h='http://cyber.ee/hashchain' URI='" + uri + "'>"
                + "<ds:DigestMethod xmlns:ds='http://www.w3.org/2000/09/xmldsig#' Algorithm='" + SHA256 + "'/>"
                + "<ds:DigestValue xmlns:ds='http://www.w3.org/2000/09/xmldsig#'>"
                + Base64.getEncoder().encodeToString(digest) + "</ds:DigestValue></h:HashChainResult>";
    }

    private static String dataRef(String uri, Digest d) {
        return "<h:DataRef URI='" + uri + "'><ds:DigestValue>" + d.base64() + "</ds:DigestValue></h:DataRef>";
    }

    private static String hashValue(Digest d) {
        return "<h:HashValue><ds:DigestValue>" + d.base64() + "</ds:DigestValue></h:HashValue>";
    }

    /** A two-leaf chain for "msg" with sibling "other", and its result document. */
    private byte[] twoLeafChain() {
        Digest msg = sha256("msg");
        Digest other = sha256("other");
        files.put(CHAIN, utf8(chain("<h:HashStep id='STEP0'>" + dataRef("/message.xml", msg) + hashValue(other)
                + "</h:HashStep>")));
        files.put("/message.xml", utf8("msg"));
        byte[] top = DigestList.digest(DigestAlgorithm.SHA256, List.of(msg, other));
        return utf8(result(CHAIN + "#STEP0", top));
    }

    private HashChainVerifier.Builder verifier() {
        return HashChainVerifier.builder().resolver(uri -> Optional.ofNullable(files.get(uri)));
    }

    private static AbstractThrowableAssert<?, ?> assertCode(Runnable r, ErrorCode code) {
        return assertThatThrownBy(r::run).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)));
    }

    @Test
    void verifiesAttachedAndDetachedInputs() {
        byte[] result = twoLeafChain();
        assertThat(verifier().input("/message.xml", sha256("msg")).build().verify(result).unverifiedDataRefs())
                .isEmpty();
        assertThat(verifier().input("/message.xml").build().verify(result).result().algorithm())
                .isEqualTo(DigestAlgorithm.SHA256);
    }

    @Test
    void unusedInputsAreRefused() {
        byte[] result = twoLeafChain();
        assertCode(() -> verifier().input("/message.xml").input("/attachment1", sha256("x")).build().verify(result),
                ErrorCode.HASH_CHAIN_UNUSED_INPUTS).hasMessageContaining("/attachment1");
    }

    @Test
    void aWrongInputBreaksTheResult() {
        byte[] result = twoLeafChain();
        assertCode(() -> verifier().input("/message.xml", sha256("forged")).build().verify(result),
                ErrorCode.INVALID_HASH_CHAIN);
    }

    @Test
    void aResolvedDataRefMustMatchItsDigest() {
        byte[] result = twoLeafChain();
        files.put("/message.xml", utf8("tampered"));
        assertCode(() -> verifier().input("/message.xml").build().verify(result), ErrorCode.INVALID_HASH_CHAIN_REF)
                .hasMessageContaining("/message.xml");
    }

    @Test
    void unresolvableReferencesFailUnlessTrusted() {
        byte[] result = twoLeafChain();
        files.remove("/message.xml");
        assertCode(() -> verifier().build().verify(result), ErrorCode.INVALID_REFERENCE)
                .hasMessageContaining("/message.xml");
        var verified = verifier().trustUnresolved(uri -> uri.equals("/message.xml")).build().verify(result);
        assertThat(verified.unverifiedDataRefs()).containsEntry("/message.xml", sha256("msg"));

        files.remove(CHAIN);
        assertCode(() -> verifier().build().verify(result), ErrorCode.INVALID_REFERENCE)
                .hasMessageContaining(CHAIN);
    }

    @Test
    void aTamperedResultIsInvalid() {
        twoLeafChain();
        byte[] result = utf8(result(CHAIN + "#STEP0", sha256("something else").value()));
        assertCode(() -> verifier().input("/message.xml").build().verify(result), ErrorCode.INVALID_HASH_CHAIN);
    }

    @Test
    void schemaViolationsAreMalformed() {
        byte[] result = twoLeafChain();
        files.put(CHAIN, utf8(chain("<h:HashStep id='STEP0'><h:HashValue><ds:DigestValue>AA==</ds:DigestValue>"
                + "<h:FooBar/></h:HashValue></h:HashStep>")));
        assertCode(() -> verifier().build().verify(result), ErrorCode.MALFORMED_HASH_CHAIN);

        files.put(CHAIN, utf8(chain("<h:HashStep id='STEP0'><h:Unknown/></h:HashStep>")));
        assertCode(() -> verifier().build().verify(result), ErrorCode.MALFORMED_HASH_CHAIN)
                .hasMessageContaining("Unknown");

        files.put(CHAIN, utf8(chain("<h:HashStep id='STEP0'>text</h:HashStep>")));
        assertCode(() -> verifier().build().verify(result), ErrorCode.MALFORMED_HASH_CHAIN);

        files.put(CHAIN, utf8(chain("<h:HashStep id='STEP0'><h:HashValue><ds:DigestValue>not base64!"
                + "</ds:DigestValue></h:HashValue></h:HashStep>")));
        assertCode(() -> verifier().build().verify(result), ErrorCode.MALFORMED_HASH_CHAIN)
                .hasMessageContaining("base64");

        files.put(CHAIN, utf8(chain("<h:HashStep><h:StepRef URI='#STEP1'/></h:HashStep>")));
        assertCode(() -> verifier().build().verify(result), ErrorCode.MALFORMED_HASH_CHAIN)
                .hasMessageContaining("id");

        assertCode(() -> verifier().build().verify(utf8("<x/>")), ErrorCode.MALFORMED_HASH_CHAIN);
        assertCode(() -> verifier().build().verify(utf8("garbage")), ErrorCode.MALFORMED_HASH_CHAIN);
    }

    @Test
    void anElementInsideADigestValueIsMalformedAndNamed() {
        byte[] result = twoLeafChain();
        files.put(CHAIN, utf8(new String(files.get(CHAIN), StandardCharsets.UTF_8)
                .replaceFirst("<ds:DigestValue>", "<ds:DigestValue><x/>")));
        assertCode(() -> verifier().input("/message.xml").build().verify(result), ErrorCode.MALFORMED_HASH_CHAIN)
                .hasMessageContaining("<DigestValue> must contain base64 text only");
    }

    @Test
    void doctypesAreRefused() {
        twoLeafChain();
        byte[] result = utf8("<!DOCTYPE x [<!ENTITY e 'x'>]>" + result(CHAIN + "#STEP0", new byte[32]));
        assertCode(() -> verifier().build().verify(result), ErrorCode.MALFORMED_HASH_CHAIN);
    }

    @Test
    void missingStepsAndFragmentlessUrisAreMalformed() {
        twoLeafChain();
        assertCode(() -> verifier().build().verify(utf8(result(CHAIN + "#STEP9", new byte[32]))),
                ErrorCode.MALFORMED_HASH_CHAIN).hasMessageContaining("STEP9");
        assertCode(() -> verifier().build().verify(utf8(result(CHAIN, new byte[32]))),
                ErrorCode.MALFORMED_HASH_CHAIN);
        assertCode(() -> verifier().build().verify(utf8(result("#STEP0", new byte[32]))),
                ErrorCode.MALFORMED_HASH_CHAIN);
    }

    @Test
    void cyclesAreMalformed() {
        files.put(CHAIN, utf8(chain("<h:HashStep id='STEP0'><h:StepRef URI='#STEP1'/></h:HashStep>"
                + "<h:HashStep id='STEP1'><h:StepRef URI='#STEP0'/></h:HashStep>")));
        assertCode(() -> verifier().build().verify(utf8(result(CHAIN + "#STEP0", new byte[32]))),
                ErrorCode.MALFORMED_HASH_CHAIN).hasMessageContaining("cycle");
    }

    @Test
    void overlyDeepChainsAreMalformed() {
        var steps = new StringBuilder();
        for (int i = 0; i < HashChainVerifier.MAX_DEPTH + 5; i++) {
            steps.append("<h:HashStep id='STEP").append(i).append("'><h:StepRef URI='#STEP").append(i + 1)
                    .append("'/></h:HashStep>");
        }
        files.put(CHAIN, utf8(chain(steps.toString())));
        assertCode(() -> verifier().build().verify(utf8(result(CHAIN + "#STEP0", new byte[32]))),
                ErrorCode.MALFORMED_HASH_CHAIN).hasMessageContaining("deeper");
    }

    @Test
    void unknownAlgorithmsAndTransformsAreMalformed() {
        twoLeafChain();
        byte[] md5Result = utf8(result(CHAIN + "#STEP0", new byte[16])
                .replace(SHA256, "http://www.w3.org/2001/04/xmldsig-more#md5"));
        assertCode(() -> verifier().build().verify(md5Result), ErrorCode.MALFORMED_HASH_CHAIN)
                .hasMessageContaining("md5");

        files.put(CHAIN, utf8(chain("<h:HashStep id='STEP0'><h:DataRef URI='/message.xml'><ds:Transforms>"
                + "<ds:Transform Algorithm='http://www.w3.org/TR/1999/REC-xslt-19991116'/></ds:Transforms>"
                + "<ds:DigestValue>AA==</ds:DigestValue></h:DataRef></h:HashStep>")));
        assertCode(() -> verifier().input("/message.xml").build().verify(utf8(result(CHAIN + "#STEP0", new byte[32]))),
                ErrorCode.MALFORMED_HASH_CHAIN).hasMessageContaining("xslt");
    }

    @Test
    void canonicalizationTransformsApplyBeforeDigesting() {
        String xml = "<a   b='1'><!-- gone --><c/></a>";
        byte[] canonical = utf8("<a b=\"1\"><c></c></a>");
        Digest d = Digest.of(DigestAlgorithm.SHA256, canonical);
        files.put("/message.xml", utf8(xml));
        files.put(CHAIN, utf8(chain("<h:HashStep id='STEP0'><h:DataRef URI='/message.xml'><ds:Transforms>"
                + "<ds:Transform Algorithm='http://www.w3.org/TR/2001/REC-xml-c14n-20010315'/></ds:Transforms>"
                + "<ds:DigestValue>" + d.base64() + "</ds:DigestValue></h:DataRef></h:HashStep>")));
        byte[] top = DigestList.digest(DigestAlgorithm.SHA256, List.of(d));
        assertThat(verifier().input("/message.xml").build().verify(utf8(result(CHAIN + "#STEP0", top))).result().value())
                .isEqualTo(top);

        files.put("/message.xml", utf8("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>"));
        assertCode(() -> verifier().input("/message.xml").build().verify(utf8(result(CHAIN + "#STEP0", top))),
                ErrorCode.INVALID_HASH_CHAIN_REF);
    }

    @Test
    void valuesMayOverrideTheDefaultDigestMethod() {
        Digest msg = Digest.of(DigestAlgorithm.SHA512, utf8("msg"));
        files.put(CHAIN, utf8(chain("<h:HashStep id='STEP0'><h:DataRef URI='/message.xml'>"
                + "<ds:DigestMethod Algorithm='" + DigestAlgorithm.SHA512.uri() + "'/>"
                + "<ds:DigestValue>" + msg.base64() + "</ds:DigestValue></h:DataRef></h:HashStep>")));
        files.put("/message.xml", utf8("msg"));
        byte[] top = DigestList.digest(DigestAlgorithm.SHA256, List.of(msg));
        assertThat(verifier().input("/message.xml").build().verify(utf8(result(CHAIN + "#STEP0", top))).result().value())
                .isEqualTo(top);
    }
}
