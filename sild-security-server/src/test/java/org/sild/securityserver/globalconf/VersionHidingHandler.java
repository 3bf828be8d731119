package org.sild.securityserver.globalconf;

import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers 404 for directory requests of some versions (an older source) and passes the rest on. */
final class VersionHidingHandler extends Handler.Wrapper {

    private final Set<String> hidden;
    private final boolean hideUnversioned;

    VersionHidingHandler(Handler handler, Set<Integer> hiddenVersions, boolean hideUnversioned) {
        super(handler);
        this.hidden = hiddenVersions.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        this.hideUnversioned = hideUnversioned;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.endsWith("conf")) {
            String version = Request.extractQueryParameters(request).getValue("version");
            if (version == null ? hideUnversioned : hidden.contains(version)) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
