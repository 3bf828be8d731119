package org.sild.core.globalconf;

/** Whether an OCSP or time-stamping service is free (shared parameters version 6). */
public enum CostType {
    FREE, PAID, UNDEFINED
}
