package org.sild.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadId;
import org.sild.core.id.XRoadIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sild id}: work with X-Road identifiers. */
@Command(name = "id", description = "Work with X-Road identifiers.",
        subcommands = IdCommand.Parse.class)
final class IdCommand {

    /** {@code sild id parse VALUE}: reads an identifier in any encoding and prints all encodings. */
    @Command(name = "parse",
            description = {
                "Parse an identifier in any of its encodings and print the others.",
                "Accepted: XML (<xrd:client id:objectType=...>), short form (SUBSYSTEM:EE/GOV/123/sub),",
                "a REST URL path (/r1/EE/GOV/123/sub/service[/path]) and the path or header form",
                "(EE/GOV/123 member, EE/GOV/123/sub subsystem, EE/GOV/123/sub/service[/version] service)."})
    static final class Parse implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "VALUE", description = "the identifier")
        String value;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            XRoadId id;
            try {
                id = parseAny(value.strip());
            } catch (XRoadException e) {
                spec.commandLine().getErr().println("invalid: " + e.getMessage());
                return 1;
            }
            out.println("type:   " + id.objectType());
            out.println("short:  " + XRoadIds.toShortForm(id));
            out.println("path:   " + XRoadIds.toPath(id));
            switch (id) {
                case ClientId c -> out.println("header: X-Road-Client: " + XRoadIds.toPath(c));
                case ServiceId s when s.provider().subsystemCode().isPresent() && s.serviceVersion().isEmpty() -> {
                    out.println("header: X-Road-Service: " + XRoadIds.toPath(s));
                    out.println("url:    /r1/" + XRoadIds.toPath(s));
                }
                case SecurityServerId s -> out.println("header: X-Road-Security-Server: " + XRoadIds.toPath(s));
                default -> { }
            }
            if (!id.hasRecommendedCharacters()) {
                out.println("note:   uses characters outside X-Road's recommended set A-Z a-z 0-9 '()+,-.=?");
            }
            out.println("xml:    " + IdentifierXml.toXml(elementName(id), id));
            return 0;
        }

        static XRoadId parseAny(String v) {
            if (v.startsWith("<")) {
                return IdentifierXml.parse(v);
            }
            if (v.startsWith("/r1/")) {
                String rest = v.substring(4);
                int q = rest.indexOf('?');
                if (q >= 0) {
                    rest = rest.substring(0, q);
                }
                String[] parts = rest.split("/", -1);
                if (parts.length < 5) {
                    throw new XRoadException(ErrorCode.INVALID_ENCODED_ID,
                            "REST path '" + v + "' needs /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE");
                }
                return XRoadIds.parseServicePath(String.join("/", Arrays.copyOf(parts, 5)));
            }
            int colon = v.indexOf(':');
            int slash = v.indexOf('/');
            if (colon > 0 && (slash < 0 || colon < slash)) {
                return XRoadIds.parseShortForm(v);
            }
            int parts = v.split("/", -1).length;
            return parts >= 5 ? XRoadIds.parseServicePath(v) : XRoadIds.parseClientPath(v);
        }

        private static String elementName(XRoadId id) {
            return switch (id.objectType()) {
                case MEMBER, SUBSYSTEM -> "client";
                case SERVICE -> "service";
                case SERVER -> "securityServer";
                case GLOBALGROUP, LOCALGROUP -> "group";
                case CENTRALSERVICE -> "centralService";
            };
        }
    }
}
