/**
 * Metrics: {@link org.sild.runtime.metrics.Metrics} holds a product's Micrometer registry
 * (Prometheus), binds JVM and process metrics, serves {@code /metrics} and times HTTP handlers.
 * Meter names follow Micrometer's dotted convention ({@code http.server.requests}); Prometheus
 * sees them with underscores and unit suffixes ({@code http_server_requests_seconds}).
 */
package org.sild.runtime.metrics;
