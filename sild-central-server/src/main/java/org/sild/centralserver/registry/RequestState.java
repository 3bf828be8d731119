package org.sild.centralserver.registry;

/**
 * Where a management request is: submitted requests wait for approval; approved ones took effect;
 * rejected ones were declined by an administrator; revoked ones were cancelled by a later deletion
 * of the same object.
 */
public enum RequestState {
    SUBMITTED,
    APPROVED,
    REJECTED,
    REVOKED
}
