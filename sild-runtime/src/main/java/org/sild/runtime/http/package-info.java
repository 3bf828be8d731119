/**
 * HTTP for every Sild server and client: Jetty 12 core handlers (no servlets) on virtual threads.
 *
 * <ul>
 *   <li>{@link org.sild.runtime.http.HttpServer}: one listening endpoint (plain or TLS with
 *       {@link org.sild.runtime.tls.ServerTls}) serving one {@link org.eclipse.jetty.server.Handler};
 *       handler calls run on virtual threads; bodies stream.</li>
 *   <li>{@link org.sild.runtime.http.HttpClients}: started Jetty
 *       {@link org.sild.runtime.http.ManagedHttpClient}s (TLS with {@link org.sild.runtime.tls.ClientTls},
 *       timeouts, pooling on or off, connections per destination).</li>
 *   <li>{@link org.sild.runtime.http.TlsSession}: the peer certificate chain and negotiated protocol
 *       and suite of a request, on the server and on the client side.</li>
 *   <li>{@link org.sild.runtime.http.Router} with {@link org.sild.runtime.http.ApiHandler},
 *       {@link org.sild.runtime.http.ApiRequest}, {@link org.sild.runtime.http.ApiResponse} and
 *       {@link org.sild.runtime.http.ApiException}: method + path template routing for JSON admin
 *       and REST APIs with JSON errors {@code {"status":404,"error":{"code":"not_found","message":"..."}}}
 *       and a request body limit.</li>
 * </ul>
 *
 * <p>Data-path handlers (client proxy, server proxy) implement {@code Handler} directly and stream
 * with {@code Content.Source.asInputStream(request)} and {@code Content.Sink.asOutputStream(response)};
 * the router is for small JSON APIs.
 */
package org.sild.runtime.http;
