package org.sild.core.globalconf;

import org.sild.core.fault.ErrorCode;

/**
 * The optional FETCHINTERVAL part: how often, in seconds, a security server refreshes the OCSP
 * responses of its certificates. Immutable.
 */
public record OcspFetchInterval(int seconds) {

    /** The interval when the part is absent. */
    public static final int DEFAULT_SECONDS = 1200;
    /** The shortest interval a security server uses, whatever the part says. */
    public static final int MIN_SECONDS = 60;

    /** The interval used when the instance publishes none. */
    public static OcspFetchInterval defaults() {
        return new OcspFetchInterval(DEFAULT_SECONDS);
    }

    /** The interval a security server applies: the published one, at least {@value #MIN_SECONDS} seconds. */
    public int effectiveSeconds() {
        return Math.max(seconds, MIN_SECONDS);
    }

    /**
     * Reads a {@code fetchinterval-params.xml}: exactly one {@code ocspFetchInterval}.
     *
     * @throws org.sild.core.fault.XRoadException {@code MalformedOptionalPartsConf} naming the bad element
     */
    public static OcspFetchInterval parse(byte[] xml) {
        var c = XmlCursor.open(xml, "conf", ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF, "OCSP fetch interval",
                MonitoringParameters.MAX_SIZE);
        int seconds = c.integer("ocspFetchInterval");
        c.close();
        return new OcspFetchInterval(seconds);
    }

    public byte[] toXml() {
        return new XmlOut("conf").text("ocspFetchInterval", seconds).finish();
    }
}
