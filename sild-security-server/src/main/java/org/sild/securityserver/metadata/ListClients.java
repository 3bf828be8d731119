package org.sild.securityserver.metadata;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;

/**
 * {@code GET /listClients[?xRoadInstance=XX]} on the client port (digest 06 §1): the instance's
 * clients from global configuration, as JSON when any {@code Accept} value is
 * {@code application/json}, else as XML. Not an X-Road message: nothing is signed, logged or sent on.
 *
 * <p>Thread-safe. Failures are thrown as {@link XRoadException}; the client proxy answers them as faults.
 */
public final class ListClients {

    /** The path served. */
    public static final String PATH = "/listClients";

    private final GlobalConfProvider globalConf;
    private final Clock clock;

    public ListClients(GlobalConfProvider globalConf, Clock clock) {
        this.globalConf = globalConf;
        this.clock = clock;
    }

    /** Whether {@code request} is for this service (only {@code GET} is). */
    public static boolean serves(Request request) {
        return "GET".equals(request.getMethod()) && PATH.equals(request.getHttpURI().getPath());
    }

    /** Answers {@code request}. */
    public void handle(Request request, Response response, Callback callback) {
        GlobalConf conf = globalConf.current(clock.instant());
        conf.checkValid(clock.instant());
        String instance = Optional.ofNullable(Request.extractQueryParameters(request).getValue("xRoadInstance"))
                .map(String::strip).filter(s -> !s.isEmpty()).orElse(conf.instance());
        SharedParametersIndex shared = conf.instance(instance).orElseThrow(() -> new XRoadException(
                ErrorCode.INTERNAL_ERROR, "Invalid instance identifier: " + instance));
        ClientList list = ClientList.of(shared.parameters());
        boolean json = wantsJson(request.getHeaders().getValuesList(HttpHeader.ACCEPT));
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, json ? RestMetaservices.JSON : SoapMetaservices.TEXT_XML);
        response.write(true, ByteBuffer.wrap(json ? list.json() : list.xml()), callback);
    }

    /** X-Road answers JSON when any Accept value names it, whatever its quality. */
    static boolean wantsJson(Iterable<String> acceptHeaders) {
        for (String header : acceptHeaders) {
            for (String value : header.split(",")) {
                String type = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (type.equals("application/json")) {
                    return true;
                }
            }
        }
        return false;
    }
}
