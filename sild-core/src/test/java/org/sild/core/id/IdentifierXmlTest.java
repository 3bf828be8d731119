package org.sild.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class IdentifierXmlTest {

    private static final String NS = "xmlns:xrd='http://x-road.eu/xsd/xroad.xsd' xmlns:id='http://x-road.eu/xsd/identifiers'";

    @Test
    void writesChildrenInSchemaOrderWithNamespacedObjectType() {
        var service = new ServiceId(new SubsystemId("EE", "GOV", "1", "sub"), "getX", "v1");
        assertThat(IdentifierXml.toXml("service", service)).isEqualTo(
                "<xrd:service xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\" xmlns:id=\"http://x-road.eu/xsd/identifiers\""
                + " id:objectType=\"SERVICE\"><id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>GOV</id:memberClass>"
                + "<id:memberCode>1</id:memberCode><id:subsystemCode>sub</id:subsystemCode>"
                + "<id:serviceCode>getX</id:serviceCode><id:serviceVersion>v1</id:serviceVersion></xrd:service>");
    }

    @Test
    void objectTypeWithoutNamespaceIsInvalidXml() {
        assertFault("<xrd:client " + NS + " objectType='MEMBER'><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>1</id:memberCode></xrd:client>",
                ErrorCode.INVALID_XML, "no id:objectType");
    }

    @Test
    void misorderedOrRepeatedOrForeignChildrenAreInvalidXml() {
        assertFault("<xrd:client " + NS + " id:objectType='MEMBER'><id:memberClass>GOV</id:memberClass>"
                + "<id:xRoadInstance>EE</id:xRoadInstance><id:memberCode>1</id:memberCode></xrd:client>",
                ErrorCode.INVALID_XML, "must come before");
        assertFault("<xrd:client " + NS + " id:objectType='MEMBER'><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:xRoadInstance>EE</id:xRoadInstance></xrd:client>", ErrorCode.INVALID_XML, "repeats");
        assertFault("<xrd:client " + NS + " id:objectType='MEMBER'><xrd:xRoadInstance>EE</xrd:xRoadInstance>"
                + "</xrd:client>", ErrorCode.INVALID_XML, "outside namespace");
    }

    @Test
    void childrenThatDoNotFitTheTypeAreInvalidClientIdentifiers() {
        assertFault("<xrd:client " + NS + " id:objectType='SUBSYSTEM'><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>1</id:memberCode></xrd:client>",
                ErrorCode.INVALID_CLIENT_IDENTIFIER, "lacks <id:subsystemCode>");
    }

    @Test
    void doctypeIsRefused() {
        assertFault("<!DOCTYPE x [<!ENTITY e 'boom'>]><xrd:client " + NS + " id:objectType='LOCALGROUP'>"
                + "<id:groupCode>&e;</id:groupCode></xrd:client>", ErrorCode.INVALID_XML, "DOCTYPE");
    }

    private static void assertFault(String xml, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> IdentifierXml.parse(xml))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)))
                .hasMessageContaining(messagePart);
    }
}
