/**
 * Operational monitoring (PR-OPMON, digest 06 §3): the record of every exchange on both sides
 * ({@link org.sild.securityserver.opmonitor.OpRecord}), buffered and stored asynchronously by
 * {@link org.sild.securityserver.opmonitor.OpMonitor} (monitoring never fails an exchange), and the
 * {@code getSecurityServerOperationalData} / {@code getSecurityServerHealthData} services
 * ({@link org.sild.securityserver.opmonitor.MonitoringServices}) the server proxy answers itself.
 */
package org.sild.securityserver.opmonitor;
