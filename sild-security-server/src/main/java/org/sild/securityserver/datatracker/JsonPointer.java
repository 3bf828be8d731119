package org.sild.securityserver.datatracker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An RFC 6901 JSON pointer over a parsed JSON tree (maps, lists, scalars). Immutable. */
record JsonPointer(List<String> tokens) {

    JsonPointer {
        tokens = List.copyOf(tokens);
    }

    /** Parses {@code pointer} ({@code invalid} when it is not one). */
    static JsonPointer parse(String pointer) {
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw DeclarationException.invalid("locator.name", "JSON pointer '" + pointer + "' must start with /");
        }
        var tokens = new ArrayList<String>();
        if (pointer.isEmpty()) {
            return new JsonPointer(tokens);
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            var token = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '~') {
                    char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
                    if (next != '0' && next != '1') {
                        throw DeclarationException.invalid("locator.name", "JSON pointer '" + pointer
                                + "' has a ~ not followed by 0 or 1");
                    }
                    token.append(next == '0' ? '~' : '/');
                    i++;
                } else {
                    token.append(c);
                }
            }
            tokens.add(token.toString());
        }
        return new JsonPointer(tokens);
    }

    /**
     * The subjects at this pointer in {@code tree}: a string or number there, or each string or number
     * of an array there; none when the pointer does not resolve.
     */
    List<String> values(Object tree) {
        Optional<Object> node = Optional.ofNullable(tree);
        for (String token : tokens) {
            node = node.flatMap(n -> step(n, token));
        }
        var values = new ArrayList<String>();
        node.ifPresent(n -> {
            if (n instanceof List<?> list) {
                list.forEach(item -> scalar(item).ifPresent(values::add));
            } else {
                scalar(n).ifPresent(values::add);
            }
        });
        return values;
    }

    private static Optional<Object> step(Object node, String token) {
        if (node instanceof Map<?, ?> map) {
            return Optional.ofNullable(map.get(token));
        }
        if (node instanceof List<?> list && token.matches("0|[1-9][0-9]{0,8}")) {
            int index = Integer.parseInt(token);
            return index < list.size() ? Optional.ofNullable(list.get(index)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> scalar(Object node) {
        return node instanceof String || node instanceof Number ? Optional.of(node.toString()) : Optional.empty();
    }
}
