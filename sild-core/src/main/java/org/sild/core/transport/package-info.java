/**
 * The transport message between security servers (PR-MESSTRANSP; digest 03 §3, §5): a signed
 * {@code multipart/mixed} stream of OCSP responses, the SOAP or REST message with attachments or
 * body, optional hash chain parts and the signature (or a trailing SOAP fault).
 *
 * <p>{@link org.sild.core.transport.TransportDecoder} reads it part by part into a
 * {@link org.sild.core.transport.TransportVisitor}, enforcing the part order and digesting the
 * signed parts; {@link org.sild.core.transport.TransportEncoder} writes it;
 * {@link org.sild.core.transport.TransportHeaders} are its HTTP headers;
 * {@link org.sild.core.transport.OcspDownloadResponse} is the OCSP download body on port 5577.
 *
 * <p>This package carries bytes and digests only: it does not parse SOAP, REST header parts or
 * signatures (those packages plug in through the visitor and the part digests), so it cannot tell
 * a SOAP fault from a SOAP message in the message position; the SOAP layer must. OCSP parts are
 * only checked to be DER OCSP responses.
 */
package org.sild.core.transport;
