/**
 * Environmental monitoring (PR-ENVMONMES, digest 06 §4): the {@code getSecurityServerMetrics}
 * service the server proxy answers itself ({@link org.sild.securityserver.envmonitor.EnvMonitor}),
 * with the operating system's figures, histograms of periodically sampled load and memory, the
 * server's processes, Sild's software versions and the server's certificates.
 */
package org.sild.securityserver.envmonitor;
