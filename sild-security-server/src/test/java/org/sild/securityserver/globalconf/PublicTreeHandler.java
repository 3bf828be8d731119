package org.sild.securityserver.globalconf;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a central server's public directory ({@code /var/lib/xroad/public}) as X-Road's nginx
 * configuration {@code cs.conf} does: {@code /internalconf} and {@code /externalconf} map to
 * {@code V{version}/…} (no or a non-numeric version parameter meaning 2), other paths to files;
 * anything missing is 404. The root can be swapped to publish another tree.
 */
final class PublicTreeHandler extends Handler.Abstract {

    private static final Pattern VERSION = Pattern.compile("(?:^|&)version=(\\d+)(?:&|$)");

    private volatile Path root;

    PublicTreeHandler(Path root) {
        root(root);
    }

    void root(Path newRoot) {
        this.root = newRoot.toAbsolutePath().normalize();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        Path root = this.root;
        Path file;
        if (path.equals("/internalconf") || path.equals("/externalconf")) {
            String query = request.getHttpURI().getQuery();
            var m = VERSION.matcher(query == null ? "" : query);
            file = root.resolve("V" + (m.find() ? m.group(1) : "2")).resolve(path.substring(1));
        } else {
            file = root.resolve(path.substring(1)).normalize();
        }
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            Response.writeError(request, response, callback, 404);
            return true;
        }
        byte[] body = Files.readAllBytes(file);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
