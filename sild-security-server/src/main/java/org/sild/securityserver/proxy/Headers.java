package org.sild.securityserver.proxy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.rest.HttpHeader;

/**
 * Conversions between Jetty's HTTP fields and the header types of sild-core, and the TLS peer of a
 * request. Stateless.
 */
public final class Headers {

    private Headers() {
    }

    /**
     * A {@code Content-Type} field with exactly {@code value}: Jetty would otherwise normalise known
     * types (lower-case charset), and X-Road passes content types on byte for byte.
     */
    public static HttpField contentType(String value) {
        return new HttpField(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, value);
    }

    /** The fields in arrival order, names as spelled; fields a REST header line cannot carry are dropped. */
    public static List<HttpHeader> restHeaders(HttpFields fields) {
        var list = new ArrayList<HttpHeader>(fields.size());
        for (HttpField f : fields) {
            String value = f.getValue() == null ? "" : f.getValue();
            if (f.getName().indexOf(':') < 0 && noLineBreak(f.getName()) && noLineBreak(value)) {
                list.add(new HttpHeader(f.getName(), value));
            }
        }
        return list;
    }

    /** The fields as MIME headers. */
    public static MimeHeaders mime(HttpFields fields) {
        var list = new ArrayList<MimeHeaders.Header>(fields.size());
        for (HttpField f : fields) {
            list.add(new MimeHeaders.Header(f.getName(), f.getValue() == null ? "" : f.getValue()));
        }
        return new MimeHeaders(list);
    }

    /** The certificate chain the TLS peer of {@code request} presented, leaf first; empty without TLS or certificate. */
    public static List<X509Certificate> peerCertificates(Request request) {
        EndPoint.SslSessionData data = sslSessionData(request).orElse(null);
        if (data == null || data.peerCertificates() == null) {
            return List.of();
        }
        return List.of(data.peerCertificates());
    }

    /** Whether {@code request} came over TLS. */
    public static boolean isSecure(Request request) {
        return request.isSecure() || sslSessionData(request).isPresent();
    }

    private static Optional<EndPoint.SslSessionData> sslSessionData(Request request) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData d) {
            return Optional.of(d);
        }
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        return Optional.ofNullable(endPoint.getSslSessionData());
    }

    private static boolean noLineBreak(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0;
    }
}
