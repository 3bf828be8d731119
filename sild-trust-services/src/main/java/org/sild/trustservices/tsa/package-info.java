/**
 * The RFC 3161 time-stamping authority of the development trust services:
 * {@link org.sild.trustservices.tsa.TimeStampAuthority} answers DER time-stamp requests with tokens
 * signed by its own key, whose certificate the development CA issued.
 */
package org.sild.trustservices.tsa;
