package org.sild.core.id;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text encodings of identifiers.
 *
 * <ul>
 *   <li><b>Path form</b>, as in REST URLs and the {@code X-Road-Client}, {@code X-Road-Service} and
 *       {@code X-Road-Security-Server} headers: codes percent-encoded (UTF-8) one by one and joined
 *       with {@code /}, for example {@code EE/GOV/70000001/clinic/eprescription}.</li>
 *   <li><b>Short form</b>, as in logs and fault strings: {@code OBJECTTYPE:} followed by the path form,
 *       for example {@code SUBSYSTEM:EE/GOV/70000001/clinic}.</li>
 * </ul>
 *
 * <p>A service path has five or six parts (with version); a service of a member without subsystem
 * is written with an empty fourth part ({@code EE/GOV/123//getX}), which X-Road's REST URLs cannot
 * express and Sild uses only in the short form and on the command line.
 */
public final class XRoadIds {

    /** Longest encoded identifier accepted, in characters. */
    public static final int MAX_ENCODED_LENGTH = 2000;

    private XRoadIds() {
    }

    /** {@code OBJECTTYPE:path}. */
    public static String toShortForm(XRoadId id) {
        return id.objectType().name() + ":" + toPath(id);
    }

    /** The percent-encoded path form of any identifier. */
    public static String toPath(XRoadId id) {
        var parts = new ArrayList<String>();
        switch (id) {
            case ServiceId s -> {
                parts.addAll(s.provider().member().codes());
                parts.add(s.provider().subsystemCode().orElse(""));
                parts.add(s.serviceCode());
                s.serviceVersion().ifPresent(parts::add);
            }
            default -> parts.addAll(id.codes());
        }
        var out = new StringBuilder();
        for (String part : parts) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(percentEncode(part));
        }
        // A path that ends with an empty part cannot occur: only the subsystem slot may be empty.
        return out.toString();
    }

    /** Parses {@code OBJECTTYPE:path}, for example {@code SERVICE:EE/GOV/123/sub/getX/v1}. */
    public static XRoadId parseShortForm(String text) {
        checkLength(text);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw Codes.invalid("'" + text + "' has no object type (expected OBJECTTYPE:codes)");
        }
        String typeName = text.substring(0, colon);
        ObjectType type;
        try {
            type = ObjectType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Codes.invalid("unknown object type '" + typeName + "' in '" + text + "'");
        }
        return parsePath(type, text.substring(colon + 1));
    }

    /** Parses the path form of an identifier of {@code type}. */
    public static XRoadId parsePath(ObjectType type, String path) {
        checkLength(path);
        List<String> p = split(path);
        return switch (type) {
            case MEMBER -> {
                expectParts(type, path, p, 3);
                yield new MemberId(p.get(0), p.get(1), p.get(2));
            }
            case SUBSYSTEM -> {
                expectParts(type, path, p, 4);
                yield new SubsystemId(p.get(0), p.get(1), p.get(2), p.get(3));
            }
            case SERVER -> {
                expectParts(type, path, p, 4);
                yield new SecurityServerId(new MemberId(p.get(0), p.get(1), p.get(2)), p.get(3));
            }
            case GLOBALGROUP -> {
                expectParts(type, path, p, 2);
                yield new GlobalGroupId(p.get(0), p.get(1));
            }
            case LOCALGROUP -> {
                expectParts(type, path, p, 1);
                yield new LocalGroupId(p.get(0));
            }
            case CENTRALSERVICE -> {
                expectParts(type, path, p, 2);
                yield new CentralServiceId(p.get(0), p.get(1));
            }
            case SERVICE -> serviceOf(path, p);
        };
    }

    /** Parses a client in path form, as in the {@code X-Road-Client} header: 3 parts (member) or 4 (subsystem). */
    public static ClientId parseClientPath(String path) {
        checkLength(path);
        List<String> p = split(path);
        return switch (p.size()) {
            case 3 -> new MemberId(p.get(0), p.get(1), p.get(2));
            case 4 -> new SubsystemId(p.get(0), p.get(1), p.get(2), p.get(3));
            default -> throw Codes.invalid("client identifier '" + path + "' has " + p.size()
                    + " parts; expected INSTANCE/CLASS/MEMBER[/SUBSYSTEM]");
        };
    }

    /** Parses a service in path form, as in the {@code X-Road-Service} header. */
    public static ServiceId parseServicePath(String path) {
        checkLength(path);
        return serviceOf(path, split(path));
    }

    /** Parses a security server in path form, as in the {@code X-Road-Security-Server} header. */
    public static SecurityServerId parseSecurityServerPath(String path) {
        return (SecurityServerId) parsePath(ObjectType.SERVER, path);
    }

    /**
     * Percent-encodes one code as UTF-8. Letters, digits and {@code -._~'()+,=!$&*;:@} stay as
     * they are; everything else, including {@code /}, {@code %} and {@code ?}, is encoded.
     */
    public static String percentEncode(String code) {
        var out = new StringBuilder(code.length() + 8);
        for (byte b : code.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnencoded(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Decodes one percent-encoded code; malformed escapes or UTF-8 are errors, {@code +} stays {@code +}. */
    public static String percentDecode(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        var bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int hi = i + 1 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int lo = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw Codes.invalid("malformed percent-escape at position " + i + " in '" + encoded + "'");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    utf8 = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw Codes.invalid("'" + encoded + "' does not decode to UTF-8");
        }
    }

    private static boolean isUnencoded(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || "-._~'()+,=!$&*;:@".indexOf(c) >= 0;
    }

    private static ServiceId serviceOf(String path, List<String> p) {
        if (p.size() != 5 && p.size() != 6) {
            throw Codes.invalid("service identifier '" + path + "' has " + p.size()
                    + " parts; expected INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]");
        }
        var member = new MemberId(p.get(0), p.get(1), p.get(2));
        ClientId provider = p.get(3).isEmpty() ? member : member.subsystem(p.get(3));
        Optional<String> version = p.size() == 6 ? Optional.of(p.get(5)) : Optional.empty();
        return new ServiceId(provider, p.get(4), version);
    }

    private static List<String> split(String path) {
        var parts = new ArrayList<String>();
        for (String raw : path.split("/", -1)) {
            parts.add(percentDecode(raw));
        }
        return parts;
    }

    private static void expectParts(ObjectType type, String path, List<String> parts, int expected) {
        if (parts.size() != expected) {
            throw Codes.invalid(type + " identifier '" + path + "' has " + parts.size() + " parts; expected "
                    + expected);
        }
    }

    private static void checkLength(String text) {
        if (text.length() > MAX_ENCODED_LENGTH) {
            throw Codes.invalid("encoded identifier longer than " + MAX_ENCODED_LENGTH + " characters");
        }
    }
}
