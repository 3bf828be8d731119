package org.sild.centralserver.globalconf;

import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.runtime.confsource.ConfigurationSource;

/**
 * Serves the configuration source in force; part files of the source it replaced (after a key
 * rotation or validity change) stay available, so that a client that read the old directory just
 * before the switch can still download its parts. Nothing is served before the first publication.
 *
 * <p>Thread-safe: the sources are swapped atomically by the publisher.
 */
final class SwitchingHandler extends Handler.Abstract.NonBlocking {

    private record Sources(ConfigurationSource current, Optional<ConfigurationSource> previous) {
    }

    private volatile Optional<Sources> sources = Optional.empty();

    void switchTo(ConfigurationSource next) {
        Optional<ConfigurationSource> previous = sources.map(Sources::current);
        sources = Optional.of(new Sources(next, previous));
    }

    Optional<ConfigurationSource> current() {
        return sources.map(Sources::current);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<Sources> s = sources;
        if (s.isEmpty()) {
            return false;
        }
        String path = Request.getPathInContext(request);
        ConfigurationSource source = s.get().current();
        if (path.startsWith("/V") && source.file(path).isEmpty() && s.get().previous().isPresent()
                && s.get().previous().get().file(path).isPresent()) {
            source = s.get().previous().get();
        }
        return source.handler().handle(request, response, callback);
    }
}
