package org.sild.runtime.confsource;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.GlobalGroup;
import org.sild.core.globalconf.ManagementService;
import org.sild.core.globalconf.Member;
import org.sild.core.globalconf.MemberClass;
import org.sild.core.id.ClientId;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;

/**
 * What a configuration source publishes about an X-Road instance: member classes, members with
 * their subsystems, security servers, approved CAs and TSAs, global groups, global settings, the
 * management services, the anchors of federated instances and optional parts — the registry a
 * central server would hold.
 *
 * <p>Immutable; checked for consistency on construction (every reference resolves, every
 * identifier belongs to the instance). Change one with {@link #toBuilder()}.
 */
public record InstanceDescription(
        String instance,
        List<MemberClass> memberClasses,
        List<Member> members,
        List<ServerEntry> securityServers,
        List<ApprovedCa> approvedCas,
        List<ApprovedTsa> approvedTsas,
        List<GlobalGroup> globalGroups,
        int ocspFreshnessSeconds,
        int timeStampingIntervalSeconds,
        ManagementService managementService,
        List<ConfigurationAnchor> federationAnchors,
        List<OptionalPart> optionalParts) {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Set<String> RESERVED_FILES = Set.of(ConfigurationSource.SHARED_PARAMETERS_FILE,
            ConfigurationSource.PRIVATE_PARAMETERS_FILE);

    public InstanceDescription {
        Objects.requireNonNull(instance);
        memberClasses = List.copyOf(memberClasses);
        members = List.copyOf(members);
        securityServers = List.copyOf(securityServers);
        approvedCas = List.copyOf(approvedCas);
        approvedTsas = List.copyOf(approvedTsas);
        globalGroups = List.copyOf(globalGroups);
        Objects.requireNonNull(managementService);
        federationAnchors = List.copyOf(federationAnchors);
        optionalParts = List.copyOf(optionalParts);
        check(instance, memberClasses, members, securityServers, globalGroups, ocspFreshnessSeconds,
                timeStampingIntervalSeconds, optionalParts);
    }

    /** A builder for instance {@code instance}: no entries, OCSP freshness 3600 s, time-stamping every 60 s. */
    public static Builder builder(String instance) {
        return new Builder(instance);
    }

    /** A builder holding everything this description has. */
    public Builder toBuilder() {
        var b = new Builder(instance);
        memberClasses.forEach(c -> b.memberClass(c.code(), c.description()));
        members.forEach(b::member);
        securityServers.forEach(b::securityServer);
        approvedCas.forEach(b::approvedCa);
        approvedTsas.forEach(b::approvedTsa);
        globalGroups.forEach(b::globalGroup);
        federationAnchors.forEach(b::federationAnchor);
        optionalParts.forEach(p -> b.optionalPart(p.contentIdentifier(), p.fileName(), p.content()));
        return b.ocspFreshnessSeconds(ocspFreshnessSeconds).timeStampingIntervalSeconds(timeStampingIntervalSeconds)
                .managementService(managementService);
    }

    /** The member {@code id}, if registered. */
    public Optional<Member> member(MemberId id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The security server entry with {@code id}, if registered. */
    public Optional<ServerEntry> securityServer(SecurityServerId id) {
        return securityServers.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static void check(String instance, List<MemberClass> classes, List<Member> members,
                              List<ServerEntry> servers, List<GlobalGroup> groups, int freshness, int tsInterval,
                              List<OptionalPart> parts) {
        var classCodes = new HashSet<String>();
        classes.forEach(c -> require(classCodes.add(c.code()), "member class " + c.code() + " is listed twice"));
        var clients = new HashSet<ClientId>();
        for (Member m : members) {
            require(m.id().instance().equals(instance), "member " + m.id() + " is not of instance " + instance);
            require(classCodes.contains(m.id().memberClass()), "member " + m.id() + " has the undeclared member class "
                    + m.id().memberClass());
            require(clients.add(m.id()), "member " + m.id() + " is listed twice");
            m.subsystems().forEach(s -> require(clients.add(s.id()), "subsystem " + s.id() + " is listed twice"));
        }
        var serverIds = new HashSet<SecurityServerId>();
        for (ServerEntry s : servers) {
            require(serverIds.add(s.id()), "security server " + s.id() + " is listed twice");
            require(clients.contains(s.id().owner()), "security server " + s.id() + " has the unregistered owner "
                    + s.id().owner());
            s.clients().forEach(c -> require(clients.contains(c), "security server " + s.id()
                    + " serves the unregistered client " + c));
        }
        for (GlobalGroup g : groups) {
            require(g.id().instance().equals(instance), "global group " + g.id() + " is not of instance " + instance);
        }
        require(freshness > 0, "ocspFreshnessSeconds must be positive, not " + freshness);
        require(tsInterval > 0, "timeStampingIntervalSeconds must be positive, not " + tsInterval);
        require(tsInterval < freshness, "timeStampingIntervalSeconds (" + tsInterval
                + ") must be less than ocspFreshnessSeconds (" + freshness + ")");
        var fileNames = new HashSet<String>();
        for (OptionalPart p : parts) {
            require(!p.contentIdentifier().equals(ContentPart.PRIVATE_PARAMETERS)
                    && !p.contentIdentifier().equals(ContentPart.SHARED_PARAMETERS)
                    && !p.contentIdentifier().isBlank() && !p.contentIdentifier().contains(";"),
                    "optional part content identifier '" + p.contentIdentifier() + "' is not allowed");
            require(FILE_NAME.matcher(p.fileName()).matches() && !RESERVED_FILES.contains(p.fileName())
                    && !p.fileName().endsWith(".metadata") && fileNames.add(p.fileName()),
                    "optional part file name '" + p.fileName() + "' is not allowed or used twice");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Assembles an instance description. Not thread-safe. */
    public static final class Builder {
        private final String instance;
        private final Map<String, String> memberClasses = new LinkedHashMap<>();
        private final Map<MemberId, String> memberNames = new LinkedHashMap<>();
        private final Map<MemberId, List<Member.Subsystem>> subsystems = new LinkedHashMap<>();
        private final Map<SecurityServerId, ServerEntry> servers = new LinkedHashMap<>();
        private final List<ApprovedCa> cas = new ArrayList<>();
        private final List<ApprovedTsa> tsas = new ArrayList<>();
        private final Map<GlobalGroupId, GlobalGroup> groups = new LinkedHashMap<>();
        private final List<ConfigurationAnchor> anchors = new ArrayList<>();
        private final List<OptionalPart> parts = new ArrayList<>();
        private int ocspFreshnessSeconds = 3600;
        private int timeStampingIntervalSeconds = 60;
        private ManagementService managementService;

        private Builder(String instance) {
            this.instance = Objects.requireNonNull(instance);
        }

        /** Declares member class {@code code}, e.g. {@code GOV} "Governmental organisations". */
        public Builder memberClass(String code, String description) {
            memberClasses.put(code, description);
            return this;
        }

        /** Registers (or renames) member {@code id} with subsystems by code (unnamed). */
        public Builder member(MemberId id, String name, String... subsystemCodes) {
            memberNames.put(id, name);
            subsystems.putIfAbsent(id, new ArrayList<>());
            for (String code : subsystemCodes) {
                subsystem(id.subsystem(code), Optional.empty());
            }
            return this;
        }

        /** Registers {@code member} with its subsystems (its class description comes from {@link #memberClass}). */
        public Builder member(Member member) {
            member(member.id(), member.name());
            member.subsystems().forEach(s -> subsystem(s.id(), s.name()));
            return this;
        }

        /** Registers subsystem {@code id} of an already registered member, optionally named (version 5+). */
        public Builder subsystem(SubsystemId id, Optional<String> name) {
            List<Member.Subsystem> list = subsystems.get(id.member());
            if (list == null) {
                throw new IllegalArgumentException("subsystem " + id + " of the unregistered member " + id.member());
            }
            list.removeIf(s -> s.id().equals(id));
            list.add(new Member.Subsystem(id, name));
            return this;
        }

        /** Registers (or replaces) a security server. */
        public Builder securityServer(ServerEntry server) {
            servers.put(server.id(), server);
            return this;
        }

        public Builder approvedCa(ApprovedCa ca) {
            cas.add(ca);
            return this;
        }

        /**
         * Approves a CA by its certificate, with one OCSP responder at {@code ocspUrl} signing with
         * the CA's key or a delegated certificate, and the X-Road certificate profile class that
         * maps its certificates to members (for example
         * {@code ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider}).
         */
        public Builder approvedCa(String name, X509Certificate caCert, String ocspUrl, String certificateProfileInfo) {
            var responder = new ApprovedCa.OcspResponder(ocspUrl, Optional.empty(), Optional.empty());
            return approvedCa(new ApprovedCa(name, Optional.of(false),
                    new ApprovedCa.CaInfo(caCert, List.of(responder)),
                    List.of(), certificateProfileInfo, Optional.empty(), Optional.empty()));
        }

        public Builder approvedTsa(ApprovedTsa tsa) {
            tsas.add(tsa);
            return this;
        }

        /** Approves the RFC 3161 TSA {@code name} at {@code url}, signing with {@code cert}. */
        public Builder approvedTsa(String name, String url, X509Certificate cert) {
            return approvedTsa(new ApprovedTsa(name, url, cert, Optional.empty()));
        }

        /** Defines (or replaces) a global group. */
        public Builder globalGroup(GlobalGroup group) {
            groups.put(group.id(), group);
            return this;
        }

        /** Defines (or replaces) global group {@code code} with {@code members}. */
        public Builder globalGroup(String code, String description, ClientId... members) {
            return globalGroup(new GlobalGroup(new GlobalGroupId(instance, code), description, List.of(members)));
        }

        /** How old an OCSP response may be, in seconds (default 3600). */
        public Builder ocspFreshnessSeconds(int seconds) {
            this.ocspFreshnessSeconds = seconds;
            return this;
        }

        /** How often security servers time-stamp their logs, in seconds (default 60). */
        public Builder timeStampingIntervalSeconds(int seconds) {
            this.timeStampingIntervalSeconds = seconds;
            return this;
        }

        /** The management services (required). */
        public Builder managementService(ManagementService service) {
            this.managementService = Objects.requireNonNull(service);
            return this;
        }

        /** The management services at {@code authCertRegServiceAddress}, other requests going to {@code provider}. */
        public Builder managementService(String authCertRegServiceAddress, ClientId provider) {
            return managementService(new ManagementService(authCertRegServiceAddress, Optional.empty(), provider));
        }

        /** Federates with the instance whose external configuration {@code anchor} describes. */
        public Builder federationAnchor(ConfigurationAnchor anchor) {
            anchors.removeIf(a -> a.instanceIdentifier().equals(anchor.instanceIdentifier()));
            anchors.add(anchor);
            return this;
        }

        /** Stops federating with {@code instance} (no effect when it is not federated). */
        public Builder removeFederationAnchor(String instance) {
            anchors.removeIf(a -> a.instanceIdentifier().equals(instance));
            return this;
        }

        /** Publishes an optional part in the internal configuration. */
        public Builder optionalPart(String contentIdentifier, String fileName, byte[] content) {
            parts.add(new OptionalPart(contentIdentifier, fileName, content));
            return this;
        }

        /**
         * The description.
         *
         * @throws IllegalArgumentException naming the first inconsistency
         * @throws IllegalStateException when the management services are missing
         */
        public InstanceDescription build() {
            if (managementService == null) {
                throw new IllegalStateException("an instance description needs the management services");
            }
            var classes = new ArrayList<MemberClass>();
            memberClasses.forEach((code, description) -> classes.add(new MemberClass(code, description)));
            var members = new ArrayList<Member>();
            memberNames.forEach((id, name) -> members.add(new Member(id,
                    memberClasses.getOrDefault(id.memberClass(), id.memberClass()), name, subsystems.get(id))));
            return new InstanceDescription(instance, classes, members, List.copyOf(servers.values()), cas, tsas,
                    List.copyOf(groups.values()), ocspFreshnessSeconds, timeStampingIntervalSeconds,
                    managementService, anchors, parts);
        }
    }
}
