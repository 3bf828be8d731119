/**
 * The RFC 6960 OCSP responder for the development CA:
 * {@link org.sild.trustservices.ocsp.OcspResponder} answers DER requests with responses signed by
 * the CA, from the statuses a {@link org.sild.trustservices.ocsp.CertificateStatusSource} gives.
 */
package org.sild.trustservices.ocsp;
