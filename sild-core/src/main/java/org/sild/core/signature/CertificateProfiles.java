package org.sild.core.signature;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * X-Road's signing certificate profiles by the class name shared parameters give for a CA
 * ({@code approvedCA/certificateProfileInfo}), for example
 * {@code ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider}.
 *
 * <p>Known: EJBCA, Basic, Basic ACME, FiVRK, Fo, Is, SK ESTEID and SK Klass 3. A deployment may add its own
 * with {@link #with}. Immutable and thread-safe.
 */
public final class CertificateProfiles {

    private static final CertificateProfiles STANDARD = new CertificateProfiles(standardProfiles());

    private final Map<String, CertificateProfile> byClassName;

    private CertificateProfiles(Map<String, CertificateProfile> byClassName) {
        this.byClassName = Map.copyOf(byClassName);
    }

    /** X-Road's profiles. */
    public static CertificateProfiles standard() {
        return STANDARD;
    }

    /** These profiles plus {@code profile} under {@code className} (replacing a profile of that name). */
    public CertificateProfiles with(String className, CertificateProfile profile) {
        var copy = new TreeMap<>(byClassName);
        copy.put(Objects.requireNonNull(className, "className"), Objects.requireNonNull(profile, "profile"));
        return new CertificateProfiles(copy);
    }

    /** The profile shared parameters name {@code className}, if known. */
    public Optional<CertificateProfile> byClassName(String className) {
        return Optional.ofNullable(byClassName.get(className.strip()));
    }

    /** The class names known. */
    public Set<String> classNames() {
        return byClassName.keySet();
    }

    /** X-Road's default profile (EJBCA): C = instance, O = member class, CN = member code. */
    public static CertificateProfile ejbca() {
        return KnownProfile.EJBCA;
    }

    private static Map<String, CertificateProfile> standardProfiles() {
        var map = new TreeMap<String, CertificateProfile>();
        for (KnownProfile p : KnownProfile.values()) {
            map.put(p.className(), p);
        }
        return map;
    }
}
