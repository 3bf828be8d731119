/**
 * Configuration: one YAML file per product, bound to records by {@link org.sild.runtime.config.YamlConfig}.
 *
 * <p>The records are the API: a product declares its configuration as records (kebab-case keys
 * derived from component names, defaults from a static {@code defaults()} method, validation in the
 * compact constructor throwing {@link org.sild.runtime.config.ConfigException} with its own key),
 * and code that needs another setting builds the record directly. Nothing reads system properties
 * or environment variables; {@code main} decides which file to load.
 */
package org.sild.runtime.config;
