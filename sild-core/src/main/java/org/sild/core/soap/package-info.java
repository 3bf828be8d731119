/**
 * The X-Road SOAP message protocol 4.0 between an information system and its security server
 * (PR-MESS with the PR-TARGETSS, PR-THIRDPARTY and PR-SECTOKEN extensions).
 *
 * <ul>
 *   <li>{@link org.sild.core.soap.SoapParser} validates an envelope from bytes and Content-Type and
 *       yields a {@link org.sild.core.soap.SoapMessage} (header + exact bytes) or a
 *       {@link org.sild.core.soap.SoapFaultMessage};</li>
 *   <li>{@link org.sild.core.soap.SoapHeader#checkConsistentResponse} and
 *       {@link org.sild.core.soap.SoapMessage#checkResponseHash} are the consumer's checks of a
 *       response; {@link org.sild.core.soap.SoapMessage#withRequestHash} the provider's rewrite;</li>
 *   <li>{@link org.sild.core.soap.SoapFaultWriter} writes X-Road's fault messages,
 *       {@link org.sild.core.soap.SoapAction} checks the SOAPAction header.</li>
 * </ul>
 *
 * <h2>Fault codes</h2>
 * Everything here throws {@link org.sild.core.fault.XRoadException} with a <em>bare</em> code
 * ({@code MissingHeaderField}, {@code InconsistentHeaders}, ...). Only the caller knows where the
 * message came from, so the caller adds the prefix with
 * {@link org.sild.core.fault.XRoadException#withPrefix}: {@code Client} for a request from the
 * client information system, {@code Server.ServerProxy.ServiceFailed} for an answer of the
 * provider information system, {@code Server.ClientProxy} for the consumer's response checks.
 *
 * <h2>Bytes are never re-serialised</h2>
 * The SOAP bytes a security server received are what it signs, hashes and logs. Parsing keeps
 * them; the only rewrite is the provider's {@code requestHash} insertion, which preserves the
 * source text of everything it does not change.
 */
package org.sild.core.soap;
