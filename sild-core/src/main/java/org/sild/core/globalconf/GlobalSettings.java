package org.sild.core.globalconf;

import java.util.List;

/**
 * The instance-wide settings of shared parameters: member classes and how old an OCSP response
 * may be before it is no longer accepted. Immutable.
 */
public record GlobalSettings(List<MemberClass> memberClasses, int ocspFreshnessSeconds) {

    public GlobalSettings {
        memberClasses = List.copyOf(memberClasses);
    }
}
