/**
 * Service descriptions from documents: downloading a WSDL or an OpenAPI 3.0/3.1 document
 * ({@link org.sild.securityserver.description.DocumentSource},
 * {@link org.sild.securityserver.description.HttpDocumentSource}), reading the services and REST
 * endpoints it declares as X-Road does, validating it (a report of every problem:
 * {@link org.sild.securityserver.description.InvalidDescriptionException}) and registering or
 * refreshing it in the local configuration
 * ({@link org.sild.securityserver.description.DescriptionImporter}).
 *
 * <p>Decisions. XML comes from the hardened parser (no DOCTYPE, no external resources) and
 * {@code wsdl:import} is refused rather than followed, so a description never makes the server fetch
 * more than the one URL it was given. YAML is read with duplicate keys refused and aliases bounded.
 * Service codes X-Road reserves for its metadata and monitoring services are refused.
 */
package org.sild.securityserver.description;
