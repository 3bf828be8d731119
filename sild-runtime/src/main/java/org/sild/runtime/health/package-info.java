/**
 * Health: {@link org.sild.runtime.health.Health} runs named {@link org.sild.runtime.health.HealthCheck}s
 * and serves {@code GET /health} as {@code {"status":"UP","checks":{...}}} (503 when a check is DOWN),
 * for load balancers and operators.
 */
package org.sild.runtime.health;
