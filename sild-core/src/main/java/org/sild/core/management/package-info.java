/**
 * Management requests (PR-MSERV, digest 04 §9): the messages security servers send to the central
 * server to register and change what global configuration says about them.
 *
 * <ul>
 *   <li>{@link org.sild.core.management.ManagementRequest} models the eleven requests of
 *       {@code request.xsd}, {@link org.sild.core.management.ManagementRequestType} the services;</li>
 *   <li>{@link org.sild.core.management.ManagementMessage} is a request as an X-Road SOAP 4.0
 *       message (written and read strictly, bounded), {@link org.sild.core.management.ManagementResponse}
 *       the central server's answer with its {@code requestId};</li>
 *   <li>{@link org.sild.core.management.ManagementPackage} is the HTTP body: {@code text/xml} for the
 *       unsigned deletions, {@code multipart/related} with raw signatures
 *       ({@link org.sild.core.management.RequestSignature},
 *       {@link org.sild.core.management.MemberSignature}), certificates and an OCSP response for the
 *       others;</li>
 *   <li>{@link org.sild.core.management.ManagementRequestVerifier} checks a request as the central
 *       server does.</li>
 * </ul>
 *
 * <h2>Fault codes</h2>
 * Structure: the SOAP parser's bare codes, {@code InvalidXml} for a body that does not fit the schema,
 * {@code InvalidContentType}, {@code MimeParsingFailed}, {@code InvalidMessage} beyond 50 kB.
 * Meaning: {@code InvalidRequest} (missing parts, wrong sender or signer, bad address),
 * {@code InvalidClientIdentifier}, {@code InvalidSignatureValue}, {@code CertValidation},
 * {@code IncorrectValidationInfo} (OCSP), as X-Road's central server answers. Codes are bare; the
 * central server adds its prefix.
 */
package org.sild.core.management;
