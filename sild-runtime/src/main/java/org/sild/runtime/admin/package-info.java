/**
 * Admin API protection: {@link org.sild.runtime.admin.ApiKeyAuthenticator} wraps a product's admin
 * handler (usually a {@code Router}) and admits only requests with a configured
 * {@link org.sild.runtime.admin.ApiKey}, sent as X-Road's REST API does
 * ({@code Authorization: X-Road-ApiKey token=<key>}) or as a bearer token.
 */
package org.sild.runtime.admin;
