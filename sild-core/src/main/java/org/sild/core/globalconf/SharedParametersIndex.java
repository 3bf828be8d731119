package org.sild.core.globalconf;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.id.ClientId;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.pki.OcspTrust;
import org.sild.core.pki.TrustedCa;

/**
 * The lookups a security server makes in one instance's shared parameters: CA certificates and
 * their OCSP responders, security servers by authentication certificate, identifier or client,
 * member and subsystem names, global group membership and approved TSAs.
 *
 * <p>Built once per shared parameters file; immutable and thread-safe.
 */
public final class SharedParametersIndex {

    private final SharedParameters parameters;
    private final Map<X500Principal, List<ApprovedCa.CaInfo>> casBySubject = new HashMap<>();
    private final Map<X509Certificate, ApprovedCa> approvedCaByCert = new HashMap<>();
    private final Map<String, SecurityServer> serverByAuthCertHash = new HashMap<>();
    private final Map<SecurityServerId, SecurityServer> serverById = new HashMap<>();
    private final Map<ClientId, List<SecurityServer>> serversByClient = new HashMap<>();
    private final Map<MemberId, Member> members = new HashMap<>();
    private final Map<SubsystemId, Member.Subsystem> subsystems = new HashMap<>();
    private final Map<GlobalGroupId, Set<ClientId>> groups = new LinkedHashMap<>();

    /** Indexes {@code parameters}. */
    public SharedParametersIndex(SharedParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters);
        for (ApprovedCa ca : parameters.approvedCas()) {
            for (ApprovedCa.CaInfo info : ca.allCas()) {
                casBySubject.computeIfAbsent(info.cert().getSubjectX500Principal(), k -> new ArrayList<>()).add(info);
                approvedCaByCert.putIfAbsent(info.cert(), ca);
            }
        }
        for (Member m : parameters.members()) {
            members.put(m.id(), m);
            m.subsystems().forEach(s -> subsystems.put(s.id(), s));
        }
        for (SecurityServer s : parameters.securityServers()) {
            serverById.put(s.id(), s);
            s.authCertHashes().forEach(h -> serverByAuthCertHash.putIfAbsent(h, s));
            var served = new LinkedHashSet<ClientId>();
            served.add(s.id().owner());
            served.addAll(s.clients());
            served.forEach(c -> serversByClient.computeIfAbsent(c, k -> new ArrayList<>()).add(s));
        }
        parameters.globalGroups().forEach(g -> groups.put(g.id(), Set.copyOf(g.members())));
    }

    /** The indexed shared parameters. */
    public SharedParameters parameters() {
        return parameters;
    }

    /** The approved top or intermediate CA certificate with subject {@code subject}. */
    public Optional<X509Certificate> caCert(X500Principal subject) {
        return casBySubject.getOrDefault(subject, List.of()).stream().map(ApprovedCa.CaInfo::cert).findFirst();
    }

    /**
     * The approved CA certificate that issued {@code cert}: subject equal to the certificate's
     * issuer and a public key that verifies the certificate's signature.
     */
    public Optional<X509Certificate> issuerCert(X509Certificate cert) {
        return casBySubject.getOrDefault(cert.getIssuerX500Principal(), List.of()).stream()
                .map(ApprovedCa.CaInfo::cert).filter(ca -> issued(ca, cert)).findFirst();
    }

    /** The approved CA that {@code caCert} (a top or intermediate CA certificate) belongs to. */
    public Optional<ApprovedCa> approvedCa(X509Certificate caCert) {
        return Optional.ofNullable(approvedCaByCert.get(caCert));
    }

    /** The OCSP responders for certificates issued by {@code caCert}; empty for an unknown CA. */
    public List<ApprovedCa.OcspResponder> ocspResponders(X509Certificate caCert) {
        return casBySubject.getOrDefault(caCert.getSubjectX500Principal(), List.of()).stream()
                .filter(info -> info.cert().equals(caCert))
                .flatMap(info -> info.ocspResponders().stream()).toList();
    }

    /**
     * The top CA certificates that anchor certificate chains: every approved CA for authentication
     * certificates, the ones not marked {@code authenticationOnly} for signing certificates.
     */
    public List<X509Certificate> trustAnchors(boolean forSigning) {
        return parameters.approvedCas().stream().filter(ca -> !forSigning || !ca.isAuthenticationOnly())
                .map(ca -> ca.topCa().cert()).toList();
    }

    /**
     * What OCSP responses are checked against: every approved top and intermediate CA with the
     * responder certificates listed for it, the instance's {@code ocspFreshnessSeconds}, and the
     * {@code NEXTUPDATE} setting of the configuration.
     */
    public OcspTrust ocspTrust(OcspNextUpdate nextUpdate) {
        var cas = parameters.approvedCas().stream().flatMap(ca -> ca.allCas().stream())
                .map(info -> new TrustedCa(info.cert(), info.ocspResponders().stream()
                        .map(ApprovedCa.OcspResponder::cert).flatMap(Optional::stream).toList()))
                .toList();
        return new OcspTrust(cas, parameters.globalSettings().ocspFreshnessSeconds(), nextUpdate.verifyNextUpdate());
    }

    /**
     * The certificate profile (X-Road's profile class name) of the approved CA whose top or
     * intermediate certificate issued {@code cert}: how member identifiers are read from it.
     */
    public Optional<String> certificateProfileInfo(X509Certificate cert) {
        return issuerCert(cert).flatMap(this::approvedCa).map(ApprovedCa::certificateProfileInfo);
    }

    /** The certificates of every OCSP responder named in any approved CA. */
    public List<X509Certificate> ocspResponderCerts() {
        return parameters.approvedCas().stream().flatMap(ca -> ca.allCas().stream())
                .flatMap(info -> info.ocspResponders().stream()).map(ApprovedCa.OcspResponder::cert)
                .flatMap(Optional::stream).distinct().toList();
    }

    /**
     * The security server whose authentication certificate is {@code authCert}. Published hashes
     * are SHA-1 (version 2) or SHA-256 (version 3 on); both are tried, their lengths differ.
     */
    public Optional<SecurityServer> securityServerByAuthCert(X509Certificate authCert) {
        byte[] der = Certificates.encoded(authCert);
        return securityServerByAuthCertHash(DigestAlgorithm.SHA256.base64Digest(der))
                .or(() -> securityServerByAuthCertHash(DigestAlgorithm.SHA1.base64Digest(der)));
    }

    /** The security server that lists the base64 authentication certificate hash {@code hash}. */
    public Optional<SecurityServer> securityServerByAuthCertHash(String hash) {
        return Optional.ofNullable(serverByAuthCertHash.get(hash.strip()));
    }

    /** The security server {@code id}. */
    public Optional<SecurityServer> securityServer(SecurityServerId id) {
        return Optional.ofNullable(serverById.get(id));
    }

    /** The security servers that serve {@code client}: those it owns (a member) and those listing it as client. */
    public List<SecurityServer> securityServers(ClientId client) {
        return List.copyOf(serversByClient.getOrDefault(client, List.of()));
    }

    /** The addresses of the security servers that serve {@code client}, without repetition. */
    public List<String> addresses(ClientId client) {
        return securityServers(client).stream().map(SecurityServer::address).flatMap(Optional::stream)
                .distinct().toList();
    }

    /** Whether {@code server} is registered as serving {@code client} (owner or client entry). */
    public boolean serves(SecurityServerId server, ClientId client) {
        return securityServers(client).stream().anyMatch(s -> s.id().equals(server));
    }

    /** The member {@code id}. */
    public Optional<Member> member(MemberId id) {
        return Optional.ofNullable(members.get(id));
    }

    /** The name of the member {@code client} is or belongs to. */
    public Optional<String> memberName(ClientId client) {
        return member(client.member()).map(Member::name);
    }

    /** The name of subsystem {@code id} (version 5 and later). */
    public Optional<String> subsystemName(SubsystemId id) {
        return Optional.ofNullable(subsystems.get(id)).flatMap(Member.Subsystem::name);
    }

    /** Whether {@code client} is a registered member or subsystem of this instance. */
    public boolean isRegistered(ClientId client) {
        return switch (client) {
            case MemberId m -> members.containsKey(m);
            case SubsystemId s -> subsystems.containsKey(s);
        };
    }

    /** Whether {@code client} is listed in global group {@code group} (exact identifier match). */
    public boolean isMember(ClientId client, GlobalGroupId group) {
        return groups.getOrDefault(group, Set.of()).contains(client);
    }

    /** The global groups that list {@code client}. */
    public List<GlobalGroupId> globalGroupsOf(ClientId client) {
        return groups.entrySet().stream().filter(e -> e.getValue().contains(client)).map(Map.Entry::getKey).toList();
    }

    /** The approved time-stamping authorities, in published order. */
    public List<ApprovedTsa> approvedTsas() {
        return parameters.approvedTsas();
    }

    private static boolean issued(X509Certificate ca, X509Certificate cert) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
