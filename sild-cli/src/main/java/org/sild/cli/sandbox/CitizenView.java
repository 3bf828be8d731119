package org.sild.cli.sandbox;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.Router;

/**
 * The State Portal's citizen view, a small web application of the sandbox: sign in as one of the
 * fictional people, see "my data" (Population Register, prescriptions) and "who used my data", which
 * {@link PortalClient} gathers live from every provider's Data Tracker service through X-Road.
 *
 * <p>Server-rendered with JTE (templates in {@code src/main/jte}, compiled at build time), htmx from
 * its WebJar for the part that asks the registers. There is no real authentication: it is a
 * sandbox and every page says so. Thread-safe.
 */
final class CitizenView {

    /** What the "my data" page shows. */
    record MyData(String name, Optional<PortalClient.Person> person, List<PortalClient.Prescription> prescriptions,
                  Optional<String> failure) {
    }

    static final String COOKIE = "sild-portal";
    private static final int MAX_SESSIONS = 1000;
    private static final String HTML = "text/html; charset=UTF-8";
    private static final String HTMX = "META-INF/resources/webjars/htmx.org/%s/dist/htmx.min.js";

    private final PortalClient portal;
    private final TemplateEngine templates =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, CitizenView.class.getPackageName());
    private final SecureRandom random;
    /** Session token to personal code; the oldest session goes first when there are too many. */
    private final Map<String, String> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_SESSIONS;
        }
    };
    private final byte[] htmx;

    CitizenView(PortalClient portal, SecureRandom random) {
        this.portal = portal;
        this.random = random;
        this.htmx = htmxScript();
    }

    /** The handler: mount it at the portal's root. */
    Router handler() {
        return Router.builder()
                .get("/", this::start)
                .post("/sign-in", this::signIn)
                .post("/sign-out", this::signOut)
                .get("/me", this::me)
                .get("/me/usage", this::usage)
                .get("/webjars/htmx.org/dist/htmx.min.js", r -> ApiResponse.bytes(200, "text/javascript", htmx)
                        .withHeader("Cache-Control", "max-age=3600"))
                .maxBodyBytes(4096)
                .build();
    }

    private ApiResponse start(ApiRequest request) {
        if (signedIn(request).isPresent()) {
            return redirect("/me");
        }
        return page("sign-in.jte", DemoPeople.all());
    }

    private ApiResponse signIn(ApiRequest request) {
        String code = request.formField("personalCode").orElse("");
        if (DemoPeople.find(code).isEmpty()) {
            return page(400, "sign-in.jte", DemoPeople.all());
        }
        byte[] token = new byte[24];
        random.nextBytes(token);
        String session = HexFormat.of().formatHex(token);
        synchronized (sessions) {
            sessions.put(session, code);
        }
        return redirect("/me").withHeader("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Lax");
    }

    private ApiResponse signOut(ApiRequest request) {
        cookie(request).ifPresent(token -> {
            synchronized (sessions) {
                sessions.remove(token);
            }
        });
        return redirect("/").withHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }

    private ApiResponse me(ApiRequest request) {
        Optional<String> code = signedIn(request);
        if (code.isEmpty()) {
            return redirect("/");
        }
        DemoPeople.Person who = DemoPeople.find(code.get()).orElseThrow();
        String name = who.givenName() + " " + who.familyName();
        try {
            return page("me.jte", new MyData(name, portal.person(who.personalCode()),
                    portal.prescriptions(who.personalCode()), Optional.empty()));
        } catch (PortalClient.PortalException e) {
            return page("me.jte", new MyData(name, Optional.empty(), List.of(),
                    Optional.of("Could not ask the registers: " + e.getMessage())));
        }
    }

    private ApiResponse usage(ApiRequest request) {
        Optional<String> code = signedIn(request);
        if (code.isEmpty()) {
            return ApiResponse.bytes(401, HTML, "<p>Please sign in again.</p>".getBytes(StandardCharsets.UTF_8));
        }
        PortalClient.Usages answer;
        try {
            answer = portal.usages(code.get());
        } catch (PortalClient.PortalException e) {
            answer = new PortalClient.Usages(List.of(), List.of("the State Portal's security server: " + e.getMessage()));
        }
        return page("usage.jte", answer);
    }

    private ApiResponse page(String template, Object model) {
        return page(200, template, model);
    }

    private ApiResponse page(int status, String template, Object model) {
        var out = new StringOutput();
        templates.render(template, model, out);
        return ApiResponse.bytes(status, HTML, out.toString().getBytes(StandardCharsets.UTF_8))
                .withHeader("Cache-Control", "no-store")
                .withHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
    }

    private Optional<String> signedIn(ApiRequest request) {
        return cookie(request).flatMap(token -> {
            synchronized (sessions) {
                return Optional.ofNullable(sessions.get(token));
            }
        });
    }

    private static Optional<String> cookie(ApiRequest request) {
        for (String part : request.header("Cookie").orElse("").split(";")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals(COOKIE) && !kv[1].isEmpty()) {
                return Optional.of(kv[1]);
            }
        }
        return Optional.empty();
    }

    private static ApiResponse redirect(String location) {
        return ApiResponse.bytes(303, "text/plain", new byte[0]).withHeader("Location", location);
    }

    /** htmx from its WebJar, whichever version the build put on the class path. */
    private static byte[] htmxScript() {
        ClassLoader loader = CitizenView.class.getClassLoader();
        try (InputStream pom = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
            if (pom == null) {
                throw new IllegalStateException("the htmx WebJar is missing from the class path");
            }
            var properties = new Properties();
            properties.load(pom);
            try (InputStream script = loader.getResourceAsStream(HTMX.formatted(properties.getProperty("version")))) {
                if (script == null) {
                    throw new IllegalStateException("htmx.min.js is missing from the htmx WebJar");
                }
                return script.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
