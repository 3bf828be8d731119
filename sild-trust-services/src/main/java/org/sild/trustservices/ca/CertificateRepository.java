package org.sild.trustservices.ca;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Where the CA keeps every certificate it issued and every revocation. Implementations are
 * thread-safe; a revocation is visible to every reader as soon as {@link #revoke} returns.
 */
public interface CertificateRepository {

    /** Stores a newly issued certificate; {@code false} when its serial number is already taken (nothing stored). */
    boolean add(IssuedCertificate certificate);

    /** The certificate with serial number {@code serial}, if this CA issued it. */
    Optional<IssuedCertificate> find(BigInteger serial);

    /** Every certificate issued, oldest first. */
    List<IssuedCertificate> list();

    /**
     * Records {@code revocation} for the certificate with serial number {@code serial}, atomically;
     * {@code false} when there is no such certificate or it is already revoked (nothing changed).
     */
    boolean revoke(BigInteger serial, Revocation revocation);
}
