/**
 * The security server's signer: keys on a {@link org.sild.securityserver.signer.Token} (the
 * PIN-protected {@link org.sild.securityserver.signer.SoftwareToken}; PKCS#11 later), certification
 * requests for them ({@link org.sild.securityserver.signer.CertificateRequests}), the OCSP responses
 * of the server's own certificates ({@link org.sild.securityserver.signer.OwnOcspResponses}, served
 * to other servers by the server proxy's OCSP download endpoint), and message
 * signing with batching under load ({@link org.sild.securityserver.signer.TokenSigner}).
 *
 * <p>Assembly: open the token, build the OCSP responses over it and global configuration, start
 * them, build the signer over both; close the OCSP responses, then the token.
 */
package org.sild.securityserver.signer;
