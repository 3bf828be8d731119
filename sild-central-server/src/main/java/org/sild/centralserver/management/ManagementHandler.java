package org.sild.centralserver.management;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.centralserver.registry.Registry;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.management.ManagementMessage;
import org.sild.core.management.ManagementPackage;
import org.sild.core.management.ManagementResponse;
import org.sild.core.soap.SoapFaultWriter;
import org.sild.runtime.http.Connections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One management service endpoint: POST on its path only; every request is rate limited, read
 * (bounded in size and time), checked to belong to this endpoint, verified against the registry's
 * current trust and submitted to the registry. Thread-safe.
 */
final class ManagementHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementHandler.class);
    static final int FAULT_STATUS = 500;
    static final int TOO_MANY_REQUESTS = 429;

    private final ManagementPort port;
    private final Registry registry;
    private final RegistryTrust trust;
    private final RateLimiter limiter;
    private final Duration timeout;
    private final SoapFaultWriter faults;

    ManagementHandler(ManagementPort port, Registry registry, RegistryTrust trust, RateLimiter limiter,
                      Duration timeout, SoapFaultWriter faults) {
        this.port = port;
        this.registry = registry;
        this.trust = trust;
        this.limiter = limiter;
        this.timeout = timeout;
        this.faults = faults;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals(port.path()) && !path.equals(port.path().substring(0, port.path().length() - 1))) {
            return false;
        }
        String source = Request.getRemoteAddr(request);
        byte[] answer;
        int status = 200;
        try {
            if (!HttpMethod.POST.is(request.getMethod())) {
                status = 405;
                throw new XRoadException(ErrorCode.INVALID_HTTP_METHOD, "the management service accepts POST only, not "
                        + request.getMethod());
            }
            if (!limiter.tryAcquire(source)) {
                status = TOO_MANY_REQUESTS;
                throw new XRoadException(ErrorCode.INVALID_REQUEST, "too many management requests from " + source
                        + ": at most " + limiter.perMinute() + " a minute");
            }
            answer = process(request, source);
        } catch (XRoadException e) {
            status = status == 200 ? FAULT_STATUS : status;
            LOG.info("management request from {} to the {} service refused: {}: {}", source,
                    port.name().toLowerCase(java.util.Locale.ROOT), e.code(), e.getMessage());
            answer = faults.write(e.withPrefix(ErrorCode.SERVER));
        } catch (RuntimeException e) {
            status = FAULT_STATUS;
            var detail = faults.nextDetail();
            LOG.warn("management request from {} failed (fault detail {})", source, detail, e);
            answer = faults.write(new XRoadException(ErrorCode.INTERNAL_ERROR, "internal error " + detail)
                    .withPrefix(ErrorCode.SERVER));
        }
        Connections.finishRequestEarly(request, response, ManagementPackage.MAX_BYTES);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ManagementResponse.contentType());
        response.write(true, ByteBuffer.wrap(answer), callback);
        return true;
    }

    private byte[] process(Request request, String source) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, "the management request has no Content-Type");
        }
        ManagementPackage pkg;
        try (InputStream in = new DeadlineInputStream(Content.Source.asInputStream(request), timeout)) {
            pkg = ManagementPackage.read(in, contentType);
        } catch (java.io.IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read the management request: " + e.getMessage(), e);
        }
        ManagementMessage message = pkg.message();
        if (!port.accepts(message.type())) {
            throw new XRoadException(ErrorCode.INVALID_REQUEST, message.type().serviceCode() + " is not accepted at "
                    + port.path() + (port == ManagementPort.REGISTRATION ? ": send it through the management"
                    + " service's security server" : ": send it to the authentication certificate registration"
                    + " service"));
        }
        trust.verifier().verify(pkg);
        long id = registry.managementRequests().submit(message.request(), source);
        LOG.info("management request {} ({}) from {} for {} recorded as {}", message.id(),
                message.type().serviceCode(), source, message.request().server(), id);
        return ManagementResponse.to(message, id).toSoap(message);
    }
}
