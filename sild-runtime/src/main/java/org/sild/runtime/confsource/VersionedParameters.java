package org.sild.runtime.confsource;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.CentralServerSource;
import org.sild.core.globalconf.GlobalSettings;
import org.sild.core.globalconf.Member;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.globalconf.SharedParameters;

/**
 * Writes an instance description as the parameter files of one configuration version, leaving out
 * what that version's schema lacks, as the central server generates a file per version: version 2
 * has no {@code source}, no ACME server and SHA-1 authentication certificate hashes; version 3
 * adds {@code source} and ACME without profile ids (version 4); subsystem names and maintenance
 * mode come with version 5; cost types and the default CSR format with version 6. Private
 * parameters are version 2 for configuration version 2 and version 3 otherwise.
 */
final class VersionedParameters {

    private VersionedParameters() {
    }

    static byte[] shared(InstanceDescription d, int version, CentralServerSource source) {
        var b = SharedParameters.builder(d.instance()).version(version);
        if (version >= 3) {
            b.source(source);
        }
        d.approvedCas().forEach(ca -> b.approvedCa(ca(ca, version)));
        d.approvedTsas().forEach(tsa -> b.approvedTsa(version >= 6 ? tsa
                : new ApprovedTsa(tsa.name(), tsa.url(), tsa.cert(), Optional.empty())));
        for (Member m : d.members()) {
            b.member(version >= 5 ? m : new Member(m.id(), m.memberClassDescription(), m.name(),
                    m.subsystems().stream().map(s -> new Member.Subsystem(s.id(), Optional.empty())).toList()));
        }
        DigestAlgorithm hash = version == 2 ? DigestAlgorithm.SHA1 : DigestAlgorithm.SHA256;
        for (ServerEntry s : d.securityServers()) {
            List<String> hashes = s.authCerts().stream().map(c -> hash.base64Digest(encoded(c))).toList();
            b.securityServer(new SecurityServer(s.id(), s.address(), hashes, s.clients(),
                    version >= 5 ? s.maintenanceMode() : Optional.empty()));
        }
        d.globalGroups().forEach(b::globalGroup);
        b.globalSettings(new GlobalSettings(d.memberClasses(), d.ocspFreshnessSeconds()));
        return b.build().toXml();
    }

    static byte[] privateParameters(InstanceDescription d, int version) {
        return new PrivateParameters(version == 2 ? 2 : 3, d.instance(), d.federationAnchors(), d.managementService(),
                d.timeStampingIntervalSeconds()).toXml();
    }

    private static ApprovedCa ca(ApprovedCa ca, int version) {
        if (version >= 6) {
            return ca;
        }
        Optional<ApprovedCa.AcmeServer> acme = version == 2 ? Optional.empty() : version == 3
                ? ca.acmeServer().map(a -> new ApprovedCa.AcmeServer(a.directoryUrl(), a.ipAddress(), Optional.empty(),
                        Optional.empty()))
                : ca.acmeServer();
        return new ApprovedCa(ca.name(), ca.authenticationOnly(), caInfo(ca.topCa()),
                ca.intermediateCas().stream().map(VersionedParameters::caInfo).toList(), ca.certificateProfileInfo(),
                Optional.empty(), acme);
    }

    private static ApprovedCa.CaInfo caInfo(ApprovedCa.CaInfo info) {
        return new ApprovedCa.CaInfo(info.cert(), info.ocspResponders().stream()
                .map(r -> new ApprovedCa.OcspResponder(r.url(), r.cert(), Optional.empty())).toList());
    }

    static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode certificate " + cert.getSubjectX500Principal() + ": "
                    + e.getMessage(), e);
        }
    }
}
