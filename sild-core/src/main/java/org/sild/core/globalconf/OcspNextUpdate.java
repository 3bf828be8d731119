package org.sild.core.globalconf;

import org.sild.core.fault.ErrorCode;

/**
 * The optional NEXTUPDATE part: whether security servers reject OCSP responses whose
 * {@code nextUpdate} has passed. Immutable.
 */
public record OcspNextUpdate(boolean verifyNextUpdate) {

    /** The setting when the part is absent: verify. */
    public static OcspNextUpdate defaults() {
        return new OcspNextUpdate(true);
    }

    /**
     * Reads a {@code nextupdate-params.xml}: exactly one {@code verifyNextUpdate}.
     *
     * @throws org.sild.core.fault.XRoadException {@code MalformedOptionalPartsConf} naming the bad element
     */
    public static OcspNextUpdate parse(byte[] xml) {
        var c = XmlCursor.open(xml, "conf", ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF, "OCSP nextUpdate setting",
                MonitoringParameters.MAX_SIZE);
        boolean verify = c.bool("verifyNextUpdate");
        c.close();
        return new OcspNextUpdate(verify);
    }

    public byte[] toXml() {
        return new XmlOut("conf").text("verifyNextUpdate", verifyNextUpdate).finish();
    }
}
