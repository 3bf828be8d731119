package org.sild.core.id;

import java.util.List;

/**
 * An X-Road identifier: an object type and its hierarchical codes, instance first.
 *
 * <p>Implementations are immutable records whose constructors validate every code (non-empty, at
 * most {@value Codes#MAX_LENGTH} characters, no control characters, no surrounding whitespace).
 * {@link #toString()} gives the short form used in logs and fault strings, such as
 * {@code SUBSYSTEM:EE/GOV/123/sub}; {@link XRoadIds} parses and prints the other encodings.
 */
public sealed interface XRoadId
        permits ClientId, ServiceId, SecurityServerId, GlobalGroupId, LocalGroupId, CentralServiceId {

    /** The object type written as {@code id:objectType}. */
    ObjectType objectType();

    /** The codes in wire order: instance, class, member code, subsystem, service, version, server... */
    List<String> codes();

    /** Whether every code keeps to the characters X-Road recommends ({@code A-Z a-z 0-9 '()+,-.=?}). */
    default boolean hasRecommendedCharacters() {
        return codes().stream().allMatch(Codes::isRecommended);
    }

    /** Whether some code has a character X-Road warns about ({@code % : ; / \}, zero-width, control). */
    default boolean hasDiscouragedCharacters() {
        return codes().stream().anyMatch(Codes::isDiscouraged);
    }
}
