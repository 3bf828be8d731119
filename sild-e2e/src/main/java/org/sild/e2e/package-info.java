/**
 * End-to-end testing of Sild: {@link org.sild.e2e.TestNetwork} starts a whole X-Road instance in
 * one JVM (trust services, signed global configuration, security servers) on free ports, with
 * provider information systems ({@link org.sild.e2e.ProviderIs}) and an information system's view
 * of a security server's client port ({@link org.sild.e2e.IsClient}, {@link org.sild.e2e.Answer}).
 * {@link org.sild.e2e.MessageLogs} verifies message log records as evidence.
 *
 * <p>It lives here rather than in {@code sild-testing} because it depends on every product
 * (ADR 006). The scenarios are this module's tests.
 */
package org.sild.e2e;
