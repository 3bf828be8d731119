package org.sild.securityserver.messagelog;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.hashchain.Digest;
import org.sild.core.hashchain.HashChainBuilder;
import org.sild.core.hashchain.HashChainFiles;
import org.sild.core.hashchain.HashChains;
import org.sild.core.signature.XadesSignature;
import org.sild.securityserver.messagelog.TimestampStore.Pending;

/**
 * The two time-stamp shapes of the message log (digest 05 §2.2) written on the caller's connection:
 * a single time-stamp over one record's signature value, embedded in its signature, or a batch
 * time-stamp over a hash chain of several records' signature hashes. Records stamped meanwhile by
 * someone else are left alone. Thread-safe (stateless apart from its collaborators).
 */
final class Stamping {

    private final TsaClient tsa;
    private final Clock clock;
    private final int limit;

    Stamping(TsaClient tsa, Clock clock, int limit) {
        this.tsa = tsa;
        this.clock = clock;
        this.limit = limit;
    }

    record Batch(int taken, int stamped) {
    }

    /** A single time-stamp: the token, and the signature with the token embedded. */
    record Single(byte[] token, byte[] signature) {
    }

    Batch stampOneBatch(Connection c, Supplier<List<ApprovedTsa>> approvedTsas) throws SQLException {
        TimestampStore.lock(c, TimestampStore.JOB);
        List<Pending> pending = TimestampStore.pending(c, limit);
        if (pending.isEmpty()) {
            return new Batch(0, 0);
        }
        List<ApprovedTsa> tsas = approvedTsas.get();
        if (pending.size() == 1) {
            long id = pending.getFirst().id();
            Optional<byte[]> signature = TimestampStore.pendingSignature(c, id);
            boolean marked = signature.isPresent() && writeSingle(c, id, single(signature.get(), tsas));
            return new Batch(1, marked ? 1 : 0);
        }
        var builder = new HashChainBuilder(TsaClient.ALGORITHM);
        for (Pending p : pending) {
            builder.add(leaf(p));
        }
        HashChains chains = builder.build(HashChainFiles.TIMESTAMP);
        byte[] token = tsa.stamp(chains.resultXml(), tsas).encodedWithTsaCertificate();
        long timestampId = TimestampStore.insertTimestamp(c, clock.instant(), token, Optional.of(chains.resultXml()));
        List<byte[]> chainXml = IntStream.range(0, chains.size()).mapToObj(chains::chainXml).toList();
        int marked = TimestampStore.markBatch(c, pending, timestampId, chainXml);
        if (marked == 0) {
            TimestampStore.deleteTimestamp(c, timestampId);
        }
        return new Batch(pending.size(), marked);
    }

    private static Digest leaf(Pending p) {
        if (p.signatureHash() == null) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "message log record " + p.id() + " has no signature hash");
        }
        return new Digest(TsaClient.ALGORITHM, Base64.getDecoder().decode(p.signatureHash()));
    }

    /** A single time-stamp: imprint over the raw signature value, token embedded in the signature. */
    Single single(byte[] signatureXml, List<ApprovedTsa> tsas) {
        XadesSignature signature = XadesSignature.parse(signatureXml);
        byte[] token = tsa.stamp(signature.signatureValue(), tsas).encodedWithTsaCertificate();
        return new Single(token, signature.withSignatureTimeStamp(token));
    }

    boolean writeSingle(Connection c, long id, Single single) throws SQLException {
        long timestampId = TimestampStore.insertTimestamp(c, clock.instant(), single.token(), Optional.empty());
        boolean marked = TimestampStore.markSingle(c, id, timestampId, single.signature(),
                StoreMessageLog.SIGNATURE_HASH_ALGORITHM.base64Digest(single.signature()));
        if (!marked) {
            TimestampStore.deleteTimestamp(c, timestampId);
        }
        return marked;
    }
}
