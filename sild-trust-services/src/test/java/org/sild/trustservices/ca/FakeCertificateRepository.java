package org.sild.trustservices.ca;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A certificate repository in memory, optionally refusing the first few serial numbers as taken. Thread-safe. */
public final class FakeCertificateRepository implements CertificateRepository {

    private final Map<BigInteger, IssuedCertificate> certificates = new LinkedHashMap<>();
    private int refuseNext;

    /** Makes the next {@code count} adds answer "serial taken". */
    public synchronized FakeCertificateRepository refuseNext(int count) {
        this.refuseNext = count;
        return this;
    }

    @Override
    public synchronized boolean add(IssuedCertificate certificate) {
        if (refuseNext > 0) {
            refuseNext--;
            return false;
        }
        return certificates.putIfAbsent(certificate.serialNumber(), certificate) == null;
    }

    @Override
    public synchronized Optional<IssuedCertificate> find(BigInteger serial) {
        return Optional.ofNullable(certificates.get(serial));
    }

    @Override
    public synchronized List<IssuedCertificate> list() {
        return new ArrayList<>(certificates.values());
    }

    @Override
    public synchronized boolean revoke(BigInteger serial, Revocation revocation) {
        IssuedCertificate c = certificates.get(serial);
        if (c == null || c.isRevoked()) {
            return false;
        }
        certificates.put(serial, c.revoked(revocation));
        return true;
    }
}
