package org.sild.core.id;

/** The {@code id:objectType} of an X-Road identifier. */
public enum ObjectType {
    MEMBER,
    SUBSYSTEM,
    SERVER,
    GLOBALGROUP,
    LOCALGROUP,
    SERVICE,
    /** Removed from X-Road in 7.3; still readable for old messages and shared parameters. */
    CENTRALSERVICE
}
