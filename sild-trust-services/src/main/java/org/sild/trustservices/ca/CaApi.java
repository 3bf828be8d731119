package org.sild.trustservices.ca;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.Certificates;
import org.sild.core.pki.CertificationRequest;
import org.sild.core.pki.Pem;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.admin.ApiKeyAuthenticator;
import org.sild.runtime.http.ApiException;
import org.sild.runtime.http.ApiHandler;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.Router;

/**
 * The CA's HTTP API under {@code /ca}:
 * <ul>
 *   <li>{@code POST /ca/certificates?type=auth|sign}: body a PKCS#10 request, DER
 *       ({@code application/pkcs10}) or PEM; answers 201 with the certificate and {@code Location};</li>
 *   <li>{@code GET /ca/certificates/{serial}}: one certificate (serial decimal, or hex with {@code 0x});</li>
 *   <li>{@code GET /ca/certificates}: JSON {@code {"certificates":[...]}}, oldest first, without PEM;</li>
 *   <li>{@code POST /ca/certificates/{serial}/revoke}: optional JSON body {@code {"reason":"keyCompromise"}}
 *       (or query {@code ?reason=}); answers 200 with the JSON certificate, 409 when already revoked;</li>
 *   <li>{@code GET /ca/certificate}: the CA certificate.</li>
 * </ul>
 * Certificates are answered by {@code Accept}: {@code application/pkix-cert} gives DER,
 * {@code application/json} the JSON record (with the PEM), anything else PEM
 * ({@code application/pem-certificate-chain}). Issuing and revoking (every {@code POST}) need one of
 * the API keys ({@code Authorization: X-Road-ApiKey token=<key>} or {@code Bearer <key>}, checked by
 * the runtime's {@link ApiKeyAuthenticator}); reading does not. Errors are the runtime's JSON
 * errors. Thread-safe.
 */
public final class CaApi {

    /** Media type of DER certificates. */
    public static final String DER = "application/pkix-cert";
    /** Media type of PEM certificates (RFC 8555). */
    public static final String PEM = "application/pem-certificate-chain";

    private static final int MAX_SERIAL_LENGTH = 64;

    private final CertificateAuthority ca;

    private CaApi(CertificateAuthority ca) {
        this.ca = Objects.requireNonNull(ca);
    }

    /**
     * The handler serving the API of {@code ca} at {@code /ca}: reading for everyone, issuing and
     * revoking for holders of one of {@code apiKeys} (none: nobody). It declines requests for other
     * paths, so it can sit in a {@link Handler.Sequence} before a handler for the rest.
     */
    public static Handler handler(CertificateAuthority ca, List<ApiKey> apiKeys) {
        return new Handler.Sequence(
                new When(r -> isCaPath(r) && HttpMethod.POST.is(r.getMethod()),
                        new ApiKeyAuthenticator(apiKeys, router(ca))),
                new When(CaApi::isCaPath, router(ca)));
    }

    private static boolean isCaPath(Request request) {
        String path = request.getHttpURI().getPath();
        return path != null && (path.equals("/ca") || path.startsWith("/ca/"));
    }

    /** The routes, without authentication (for callers that put their own in front). */
    static Router router(CertificateAuthority ca) {
        var api = new CaApi(ca);
        return Router.builder()
                .maxBodyBytes(CertificationRequest.MAX_SIZE * 2L)
                .get("/ca/certificate", guarded(api::caCertificate))
                .get("/ca/certificates", guarded(api::list))
                .post("/ca/certificates", guarded(api::issue))
                .get("/ca/certificates/{serial}", guarded(api::get))
                .post("/ca/certificates/{serial}/revoke", guarded(api::revoke))
                .build();
    }

    private ApiResponse caCertificate(ApiRequest request) {
        Representation representation = Representation.of(request.header("Accept"));
        if (representation == Representation.JSON) {
            return ApiResponse.ok(new CaJson(Pem.writeCertificate(ca.certificate())));
        }
        return representation.render(200, ca.certificate());
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(new CertificateJson.Listing(ca.list().stream()
                .map(c -> CertificateJson.of(c, false)).toList()));
    }

    private ApiResponse issue(ApiRequest request) {
        String typeName = request.queryParameter("type").orElseThrow(() ->
                ApiException.badRequest("query parameter type (auth or sign) is required"));
        CertificateType type = CertificateType.byShortName(typeName).filter(t -> t != CertificateType.TSA)
                .orElseThrow(() -> ApiException.badRequest("type must be auth or sign, not '" + typeName + "'"));
        Representation representation = Representation.of(request.header("Accept"));
        IssuedCertificate issued = ca.issue(requestDer(request.body()), type);
        return representation.render(201, issued)
                .withHeader("Location", "/ca/certificates/" + issued.serialNumber());
    }

    private ApiResponse get(ApiRequest request) {
        Representation representation = Representation.of(request.header("Accept"));
        BigInteger serial = serial(request.pathVariable("serial"));
        return representation.render(200, ca.find(serial).orElseThrow(() -> notFound(serial)));
    }

    private ApiResponse revoke(ApiRequest request) {
        BigInteger serial = serial(request.pathVariable("serial"));
        Optional<String> reasonName = request.queryParameter("reason");
        if (reasonName.isEmpty() && request.header("Content-Type").isPresent()) {
            reasonName = request.bodyAs(CertificateJson.RevokeRequest.class).reason();
        }
        RevocationReason reason = reasonName.map(n -> RevocationReason.byName(n).orElseThrow(() ->
                        ApiException.badRequest("unknown revocation reason '" + n + "'")))
                .orElse(RevocationReason.UNSPECIFIED);
        try {
            return ApiResponse.ok(CertificateJson.of(ca.revoke(serial, reason), false));
        } catch (XRoadException e) {
            if (e.code().endsWith(ErrorCode.INVALID_REQUEST)) {
                throw ApiException.conflict(e.getMessage());
            }
            throw e;
        }
    }

    /** The DER of a request given as DER or PEM. */
    static byte[] requestDer(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("the body must be a PKCS#10 certification request (DER or PEM)");
        }
        if (body[0] == 0x30) {
            return body;
        }
        return Pem.readCertificationRequest(new String(body, StandardCharsets.US_ASCII));
    }

    /** A serial number from a path: decimal, or hexadecimal after {@code 0x}. */
    static BigInteger serial(String text) {
        try {
            if (text.length() <= MAX_SERIAL_LENGTH) {
                String t = text.toLowerCase(Locale.ROOT);
                BigInteger serial = t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
                if (serial.signum() > 0) {
                    return serial;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("serial number must be a positive decimal number or 0x and hex digits, not '"
                + (text.length() > MAX_SERIAL_LENGTH ? text.substring(0, MAX_SERIAL_LENGTH) + "..." : text) + "'");
    }

    /**
     * Faults the request caused (a malformed or unacceptable CSR, a subject the profile refuses) are
     * answered 400 with their own code; the runtime answers the rest (404 for unknown serial numbers,
     * 500 for failures of our own).
     */
    private static ApiHandler guarded(ApiHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (ApiException e) {
                throw e;
            } catch (XRoadException e) {
                if (!e.code().isServerFault() && (e.code().endsWith(ErrorCode.INCORRECT_CERTIFICATE)
                        || e.code().endsWith(ErrorCode.INVALID_REQUEST))) {
                    throw new ApiException(400, e.code().format(FaultStyle.SNAKE_CASE), e.getMessage());
                }
                throw e;
            }
        };
    }

    private static ApiException notFound(BigInteger serial) {
        return ApiException.notFound("no certificate with serial number " + serial);
    }

    /** Passes the requests {@code accepts} to its handler and declines the others. */
    private static final class When extends Handler.Wrapper {
        private final Predicate<Request> accepts;

        When(Predicate<Request> accepts, Handler handler) {
            super(handler);
            this.accepts = accepts;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            return accepts.test(request) && super.handle(request, response, callback);
        }
    }

    /** The JSON of {@code GET /ca/certificate} with {@code Accept: application/json}. */
    record CaJson(String certificate) {
    }

    /** How a certificate is answered. */
    enum Representation {
        PEM, DER, JSON;

        /** The first representation {@code accept} names that we have; PEM when it names none or is absent. */
        static Representation of(Optional<String> accept) {
            if (accept.isEmpty()) {
                return PEM;
            }
            for (String part : accept.get().split(",")) {
                String type = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                switch (type) {
                    case CaApi.DER, "application/x-x509-ca-cert", "application/x-x509-user-cert":
                        return DER;
                    case "application/json":
                        return JSON;
                    case CaApi.PEM, "application/x-pem-file", "text/plain", "text/*", "application/*", "*/*":
                        return PEM;
                    default:
                        break;
                }
            }
            throw new ApiException(406, "not_acceptable", "cannot answer '" + accept.get() + "'; accepted: "
                    + CaApi.PEM + ", " + CaApi.DER + ", application/json");
        }

        ApiResponse render(int status, IssuedCertificate issued) {
            return this == JSON ? ApiResponse.json(status, CertificateJson.of(issued, true))
                    : render(status, issued.certificate());
        }

        ApiResponse render(int status, X509Certificate certificate) {
            return this == DER ? ApiResponse.bytes(status, CaApi.DER, Certificates.encoded(certificate))
                    : ApiResponse.bytes(status, CaApi.PEM, Pem.writeCertificate(certificate)
                            .getBytes(StandardCharsets.US_ASCII));
        }
    }
}
