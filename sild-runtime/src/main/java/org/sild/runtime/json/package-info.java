/**
 * The one JSON configuration of Sild: {@link org.sild.runtime.json.Json}.
 *
 * <p>Property names are camelCase, as in X-Road's REST APIs (record component names are used
 * unchanged). Reading is strict: unknown properties, duplicate keys, trailing content, {@code null}
 * for primitives, numbers for enums and scalar coercion ({@code "1"} for {@code 1}) are errors, and
 * documents are bounded in size and depth. {@code java.time} values ({@code Instant},
 * {@code Duration}, {@code LocalDate}, {@code OffsetDateTime}) are ISO-8601 strings, handled by
 * small built-in serializers so that no Jackson datatype module is needed; {@code Optional}
 * properties are supported the same way (absent or {@code null} reads as empty, empty is omitted
 * on write).
 */
package org.sild.runtime.json;
