package org.sild.core.signature;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Lets the JDK's XML-DSig signer sign through a {@link SigningKey}.
 *
 * <p>The JDK's {@code XMLSignature.sign} only signs with a JCA {@code PrivateKey} and a JCA
 * {@code Signature}. Its DOM implementation takes the JCA provider from the context property
 * {@value #PROVIDER_PROPERTY}; this class supplies a provider whose signature engines hand the canonical
 * {@code SignedInfo} to the signing function, and a placeholder key that only that provider accepts. If a
 * future JDK ignored the property, signing fails (no installed provider accepts the placeholder) rather
 * than producing anything wrong.
 */
final class JcaBridge {

    static final String PROVIDER_PROPERTY = "org.jcp.xml.dsig.internal.dom.SignatureProvider";

    /** Largest SignedInfo buffered for signing; X-Road's is well under a kilobyte. */
    private static final int MAX_SIGNED_INFO = 1 << 20;

    private JcaBridge() {
    }

    /** A provider that signs with {@code key} for every JCA name the JDK may ask for {@code algorithm}. */
    static Provider provider(SigningKey key, SignatureAlgorithm algorithm, PublicKey publicKey) {
        return new BridgeProvider(key, algorithm, rawLength(algorithm, publicKey));
    }

    /** The key handed to the JDK signer; it carries nothing but its algorithm. */
    static PrivateKey placeholderKey(SignatureAlgorithm algorithm) {
        return new PlaceholderKey(algorithm.keyAlgorithm());
    }

    private static int rawLength(SignatureAlgorithm algorithm, PublicKey publicKey) {
        if (!algorithm.isEcdsa()) {
            return 0;
        }
        if (!(publicKey instanceof ECPublicKey ec)) {
            throw new XRoadException(ErrorCode.UNSUPPORTED_SIGN_ALGORITHM,
                    "ECDSA needs an EC certificate key, found " + publicKey.getAlgorithm());
        }
        return (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
    }

    /** DER {@code SEQUENCE { r INTEGER, s INTEGER }} to r‖s, each left-padded to {@code length} bytes. */
    static byte[] derToRaw(byte[] der, int length) {
        BigInteger r;
        BigInteger s;
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            if (seq.size() != 2) {
                throw new IllegalArgumentException("not two integers");
            }
            r = ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue();
            s = ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue();
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.CANNOT_SIGN, "the signing key returned no DER ECDSA signature");
        }
        byte[] raw = new byte[2 * length];
        put(r, raw, 0, length);
        put(s, raw, length, length);
        return raw;
    }

    private static void put(BigInteger value, byte[] out, int offset, int length) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > length ? bytes.length - length : 0;
        for (int i = 0; i < skip; i++) {
            if (bytes[i] != 0) {
                throw new XRoadException(ErrorCode.CANNOT_SIGN, "ECDSA signature value longer than the curve");
            }
        }
        int n = bytes.length - skip;
        System.arraycopy(bytes, skip, out, offset + length - n, n);
    }

    private static final class PlaceholderKey implements PrivateKey {
        private static final long serialVersionUID = 1L;
        private final String algorithm;

        PlaceholderKey(String algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        // JCA's contract for keys that cannot be exported: no format, no encoding.
        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    private static final class BridgeProvider extends Provider {
        private static final long serialVersionUID = 1L;

        BridgeProvider(SigningKey key, SignatureAlgorithm algorithm, int rawLength) {
            super("SildSigningKey", "1.0", "signs through a Sild SigningKey");
            String hash = algorithm.digest().jcaName().replace("-", "");
            // The JDK asks for PSS as RSASSA-PSS (falling back to the MGF1 name) and for ECDSA in P1363
            // (r‖s) format first; answering that name keeps the DER-to-r‖s conversion here, where the
            // curve size is known.
            List<String> names;
            if (algorithm.isPss()) {
                names = List.of("RSASSA-PSS", hash + "withRSAandMGF1");
            } else if (algorithm.isEcdsa()) {
                names = List.of(hash + "withECDSAinP1363Format");
            } else {
                names = List.of(algorithm.jcaName());
            }
            for (String name : names) {
                putService(new Service(this, "Signature", name, BridgeSpi.class.getName(), null, null) {
                    @Override
                    public Object newInstance(Object constructorParameter) {
                        return new BridgeSpi(key, algorithm, rawLength);
                    }
                });
            }
        }
    }

    private static final class BridgeSpi extends SignatureSpi {
        private final SigningKey key;
        private final SignatureAlgorithm algorithm;
        private final int rawLength;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        BridgeSpi(SigningKey key, SignatureAlgorithm algorithm, int rawLength) {
            this.key = key;
            this.algorithm = algorithm;
            this.rawLength = rawLength;
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            if (!(privateKey instanceof PlaceholderKey)) {
                throw new InvalidKeyException("this provider signs only through its SigningKey");
            }
            data.reset();
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("this provider does not verify");
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            engineUpdate(new byte[] {b}, 0, 1);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            if (data.size() + len > MAX_SIGNED_INFO) {
                throw new SignatureException("SignedInfo larger than " + MAX_SIGNED_INFO + " bytes");
            }
            data.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() {
            byte[] signature = key.sign(algorithm, data.toByteArray());
            data.reset();
            return algorithm.isEcdsa() ? derToRaw(signature, rawLength) : signature;
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("this provider does not verify");
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            // The JDK passes the PSS parameters it derived from the SignatureMethod; they must be ours.
            if (!(params instanceof PSSParameterSpec pss) || !algorithm.isPss()
                    || !pss.getDigestAlgorithm().equals(algorithm.digest().jcaName())) {
                throw new InvalidAlgorithmParameterException("unexpected parameters for " + algorithm);
            }
        }

        @Override
        @SuppressWarnings("deprecation")
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @SuppressWarnings("deprecation")
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
