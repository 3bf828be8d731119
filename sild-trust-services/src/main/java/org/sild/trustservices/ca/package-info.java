/**
 * The development certification authority: a root CA that issues security server authentication,
 * member signing and TSA certificates from PKCS#10 requests and revokes them.
 *
 * <p>{@link org.sild.trustservices.ca.CertificateAuthority} holds the issuing rules
 * ({@link org.sild.trustservices.ca.IssuingPolicy}: instance, X-Road certificate profile, validity,
 * OCSP URL); every certificate and revocation goes through a
 * {@link org.sild.trustservices.ca.CertificateRepository}. The CA's own key and certificate live in
 * a password-protected {@link org.sild.trustservices.ca.Pkcs12File}. This is real PKI for
 * development and test networks, not a test double; it is not meant to certify production members.
 */
package org.sild.trustservices.ca;
