/**
 * X-Road's metadata services (PR-META, PR-MREST; digest 06 §1–2, 02 §7): {@code listClients} on the
 * client port ({@link org.sild.securityserver.metadata.ListClients}), and the metaservices a provider's
 * security server answers itself instead of the provider's information system
 * ({@link org.sild.securityserver.metadata.Metaservices}): SOAP {@code listMethods},
 * {@code allowedMethods}, {@code getWsdl} and REST {@code listMethods}, {@code allowedMethods},
 * {@code getOpenAPI}.
 *
 * <p>Decisions. Metaservices skip access rights (anyone may call them; {@code allowedMethods}
 * filters its answer by the caller's grants instead) but are signed, verified and logged like any
 * exchange: the server proxy only replaces the call to the information system with
 * {@link org.sild.securityserver.metadata.Metaservices}. Service lists come from the local
 * configuration through {@link org.sild.securityserver.metadata.ServiceCatalog}; WSDL and OpenAPI
 * documents are downloaded from the service description's URL when asked for, as X-Road does, and
 * anonymised (SOAP addresses replaced, OpenAPI server URLs reduced to their paths).
 * {@code listCentralServices} is not served: X-Road dropped central services in 7.3.
 */
package org.sild.securityserver.metadata;
