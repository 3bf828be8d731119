package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * The shared parameters of one X-Road instance (versions 2 to 6): its configuration sources,
 * approved CAs and TSAs, members with subsystems, security servers, global groups and settings.
 *
 * <p>Immutable. {@link #parse} reads every version (the version, from the directory or the
 * stored metadata, decides how authentication certificate hashes are computed); {@link #toXml}
 * writes the version 6 shape. Legacy {@code centralService} entries and unknown trailing
 * extension elements are skipped. Use {@link SharedParametersIndex} for lookups.
 */
public record SharedParameters(
        int version,
        String instanceIdentifier,
        List<CentralServerSource> sources,
        List<ApprovedCa> approvedCas,
        List<ApprovedTsa> approvedTsas,
        List<Member> members,
        List<SecurityServer> securityServers,
        List<GlobalGroup> globalGroups,
        GlobalSettings globalSettings) {

    /** Largest shared parameters file accepted, in bytes. */
    public static final int MAX_SIZE = 64 * 1024 * 1024;

    public SharedParameters {
        if (version < 2) {
            throw new IllegalArgumentException("shared parameters version " + version + " is not supported (2 and later)");
        }
        Objects.requireNonNull(instanceIdentifier);
        sources = List.copyOf(sources);
        approvedCas = List.copyOf(approvedCas);
        approvedTsas = List.copyOf(approvedTsas);
        members = List.copyOf(members);
        securityServers = List.copyOf(securityServers);
        globalGroups = List.copyOf(globalGroups);
        Objects.requireNonNull(globalSettings);
    }

    /**
     * Reads a shared parameters file of configuration version {@code version}.
     *
     * @throws org.sild.core.fault.XRoadException {@code MalformedGlobalConf} naming the bad element
     */
    public static SharedParameters parse(byte[] xml, int version) {
        return SharedParametersReader.read(xml, version);
    }

    /** The file in the version 6 shape, member and subsystem ids numbered {@code id0, id1, ...}. */
    public byte[] toXml() {
        return SharedParametersWriter.write(this);
    }

    /** The digest of {@link SecurityServer#authCertHashes()}: SHA-1 in version 2, SHA-256 later. */
    public DigestAlgorithm authCertHashAlgorithm() {
        return version == 2 ? DigestAlgorithm.SHA1 : DigestAlgorithm.SHA256;
    }

    /** Certificates that may sign this instance's internal configuration, from all {@code source} entries. */
    public List<X509Certificate> internalVerificationCerts() {
        return parsed(sources.stream().flatMap(s -> s.internalVerificationCerts().stream()));
    }

    /** Certificates that may sign this instance's external configuration, from all {@code source} entries. */
    public List<X509Certificate> externalVerificationCerts() {
        return parsed(sources.stream().flatMap(s -> s.externalVerificationCerts().stream()));
    }

    private static List<X509Certificate> parsed(Stream<EncodedCertificate> certs) {
        return certs.map(EncodedCertificate::certificate).flatMap(Optional::stream).distinct().toList();
    }

    /** A builder for {@code instance} (version 6, no entries, freshness 3600 s). */
    public static Builder builder(String instance) {
        return new Builder(instance);
    }

    /** Assembles shared parameters, as the central server does from its registry. Not thread-safe. */
    public static final class Builder {
        private final String instance;
        private int version = 6;
        private final List<CentralServerSource> sources = new ArrayList<>();
        private final List<ApprovedCa> cas = new ArrayList<>();
        private final List<ApprovedTsa> tsas = new ArrayList<>();
        private final List<Member> members = new ArrayList<>();
        private final List<SecurityServer> servers = new ArrayList<>();
        private final List<GlobalGroup> groups = new ArrayList<>();
        private GlobalSettings settings = new GlobalSettings(List.of(), 3600);

        private Builder(String instance) {
            this.instance = Objects.requireNonNull(instance);
        }

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        public Builder source(CentralServerSource source) {
            sources.add(source);
            return this;
        }

        public Builder approvedCa(ApprovedCa ca) {
            cas.add(ca);
            return this;
        }

        public Builder approvedTsa(ApprovedTsa tsa) {
            tsas.add(tsa);
            return this;
        }

        public Builder member(Member member) {
            members.add(member);
            return this;
        }

        public Builder securityServer(SecurityServer server) {
            servers.add(server);
            return this;
        }

        public Builder globalGroup(GlobalGroup group) {
            groups.add(group);
            return this;
        }

        public Builder globalSettings(GlobalSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        public SharedParameters build() {
            return new SharedParameters(version, instance, sources, cas, tsas, members, servers, groups, settings);
        }
    }
}
