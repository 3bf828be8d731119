/**
 * The development trust services of Sild: a certification authority
 * ({@link org.sild.trustservices.ca}), its OCSP responder ({@link org.sild.trustservices.ocsp}) and
 * a time-stamping authority ({@link org.sild.trustservices.tsa}), assembled by
 * {@link org.sild.trustservices.TrustServices} from a {@link org.sild.trustservices.TrustServicesConfig}.
 *
 * <p>Real PKI for development networks and the sandbox: every certificate, OCSP response and
 * time-stamp is genuine and verifies like a production one, but the keys sit in password-protected
 * files and the CA issues to anyone holding the API key. See {@code docs/trust-services.md}.
 */
package org.sild.trustservices;
