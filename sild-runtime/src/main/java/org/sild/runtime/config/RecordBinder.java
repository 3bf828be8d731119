package org.sild.runtime.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Binds composed YAML nodes to records, the rules {@link YamlConfig} documents. One instance per
 * file; not thread-safe.
 */
final class RecordBinder {

    private final Optional<Path> baseDirectory;
    private final int maxDepth;

    RecordBinder(Optional<Path> baseDirectory, int maxDepth) {
        this.baseDirectory = baseDirectory;
        this.maxDepth = maxDepth;
    }

    <T extends Record> T bindRoot(Optional<Node> root, Class<T> type) {
        Optional<Object> base = defaults(type, "");
        Node node = root.filter(n -> !isNull(n)).orElse(null);
        if (node == null) {
            return type.cast(base.orElseGet(() -> bindRecord(emptyMapping(), type, "", Optional.empty(), 0)));
        }
        return type.cast(bindRecord(node, type, "", base, 0));
    }

    private Object bind(Node node, Type type, String path, Optional<Object> base, int depth) {
        if (depth > maxDepth) {
            throw new ConfigException(path, "nested deeper than " + maxDepth + " levels");
        }
        Class<?> raw = rawClass(type, path);
        if (raw == Optional.class) {
            return isNull(node) ? Optional.empty()
                    : Optional.of(bind(node, argument(type, 0, path), path,
                            base.flatMap(b -> (Optional<?>) b).map(Object.class::cast), depth));
        }
        if (isNull(node)) {
            throw new ConfigException(path, "must have a value");
        }
        if (raw == List.class || raw == Set.class) {
            return bindSequence(node, raw, argument(type, 0, path), path, depth);
        }
        if (raw == Map.class) {
            return bindMap(node, type, path, depth);
        }
        if (raw.isRecord()) {
            return bindRecord(node, raw, path, base, depth);
        }
        return bindScalar(scalar(node, path), raw, path);
    }

    private Object bindRecord(Node node, Class<?> type, String path, Optional<Object> base, int depth) {
        if (!(node instanceof MappingNode mapping)) {
            throw new ConfigException(path, "expected a section (key: value lines), got " + describe(node));
        }
        RecordComponent[] components = type.getRecordComponents();
        var byKey = new LinkedHashMap<String, RecordComponent>();
        for (RecordComponent c : components) {
            byKey.put(ScalarValues.kebab(c.getName()), c);
        }
        var given = new LinkedHashMap<String, Node>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), path);
            if (given.containsKey(key)) {
                throw new ConfigException(join(path, key), "appears more than once");
            }
            if (!byKey.containsKey(key)) {
                throw new ConfigException(join(path, key), "unknown key (known keys here: "
                        + String.join(", ", byKey.keySet()) + ")");
            }
            given.put(key, tuple.getValueNode());
        }
        Optional<Object> ownDefaults = base.isPresent() ? base : defaults(type, path);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String key = ScalarValues.kebab(c.getName());
            String childPath = join(path, key);
            Optional<Object> childBase = ownDefaults.map(d -> accessor(c, d));
            Node value = given.get(key);
            values[i] = value != null
                    ? bind(value, c.getGenericType(), childPath, childBase, depth + 1)
                    : missing(c.getGenericType(), childPath, childBase, depth + 1);
        }
        return construct(type, components, values, path);
    }

    private Object missing(Type type, String path, Optional<Object> base, int depth) {
        if (base.isPresent()) {
            return base.get();
        }
        Class<?> raw = rawClass(type, path);
        if (raw == Optional.class) {
            return Optional.empty();
        }
        if (raw == List.class) {
            return List.of();
        }
        if (raw == Set.class) {
            return Set.of();
        }
        if (raw == Map.class) {
            return Map.of();
        }
        if (raw.isRecord()) {
            Optional<Object> defaults = defaults(raw, path);
            return defaults.isPresent() ? defaults.get() : bindRecord(emptyMapping(), raw, path, Optional.empty(), depth);
        }
        throw new ConfigException(path, "is required");
    }

    private Object bindSequence(Node node, Class<?> raw, Type element, String path, int depth) {
        if (!(node instanceof SequenceNode sequence)) {
            throw new ConfigException(path, "expected a list, got " + describe(node));
        }
        var items = new ArrayList<Object>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            items.add(bind(nodes.get(i), element, path + "[" + i + "]", Optional.empty(), depth + 1));
        }
        if (raw == List.class) {
            return List.copyOf(items);
        }
        var set = new LinkedHashSet<>(items);
        if (set.size() != items.size()) {
            throw new ConfigException(path, "has duplicate entries");
        }
        return Collections.unmodifiableSet(set);
    }

    private Object bindMap(Node node, Type type, String path, int depth) {
        if (!(node instanceof MappingNode mapping)) {
            throw new ConfigException(path, "expected a section (key: value lines), got " + describe(node));
        }
        if (argument(type, 0, path) != String.class) {
            throw new IllegalStateException(path + ": configuration maps must have String keys");
        }
        Type valueType = argument(type, 1, path);
        var map = new LinkedHashMap<String, Object>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), path);
            if (map.containsKey(key)) {
                throw new ConfigException(join(path, key), "appears more than once");
            }
            map.put(key, bind(tuple.getValueNode(), valueType, join(path, key), Optional.empty(), depth + 1));
        }
        return Collections.unmodifiableMap(map);
    }

    private Object bindScalar(String text, Class<?> type, String path) {
        try {
            if (type == String.class) {
                return text;
            }
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text.strip());
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(text.strip());
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(text.strip());
            }
            if (type == boolean.class || type == Boolean.class) {
                return bool(text.strip(), path);
            }
            if (type == Duration.class) {
                return ScalarValues.duration(text);
            }
            if (type == Path.class) {
                Path p = Path.of(text.strip());
                return baseDirectory.filter(b -> !p.isAbsolute()).map(b -> b.resolve(p).normalize()).orElse(p);
            }
            if (type == URI.class) {
                return new URI(text.strip());
            }
            if (type.isEnum()) {
                return enumConstant(type, text.strip(), path);
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(path, "expected " + (type == double.class || type == Double.class
                    ? "a number" : "an integer") + ", got '" + text + "'");
        } catch (IllegalArgumentException | URISyntaxException e) {
            throw new ConfigException(path, e.getMessage());
        }
        throw new IllegalStateException(path + ": configuration records cannot hold " + type.getName());
    }

    private static Boolean bool(String text, String path) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new ConfigException(path, "expected true or false, got '" + text + "'");
    }

    private static Object enumConstant(Class<?> type, String text, String path) {
        String wanted = text.replace('-', '_').toUpperCase(Locale.ROOT);
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(wanted)) {
                return constant;
            }
        }
        String allowed = java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        throw new ConfigException(path, "expected one of " + allowed + ", got '" + text + "'");
    }

    private static Object construct(Class<?> type, RecordComponent[] components, Object[] values, String path) {
        try {
            Class<?>[] types = java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException config) {
                throw config.under(path);
            }
            throw new ConfigException(path, String.valueOf(cause.getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct configuration record " + type.getName(), e);
        }
    }

    private static Optional<Object> defaults(Class<?> type, String path) {
        try {
            Method m = type.getDeclaredMethod("defaults");
            if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type) {
                return Optional.empty();
            }
            m.setAccessible(true);
            return Optional.of(m.invoke(null));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException config) {
                throw config.under(path);
            }
            throw new IllegalStateException(type.getName() + ".defaults() failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + type.getName() + ".defaults()", e);
        }
    }

    private static Object accessor(RecordComponent component, Object record) {
        try {
            Method m = component.getAccessor();
            m.setAccessible(true);
            return m.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static String scalar(Node node, String path) {
        if (!(node instanceof ScalarNode s)) {
            throw new ConfigException(path, "expected a single value, got " + describe(node));
        }
        return s.getValue();
    }

    private static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a section";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    private static MappingNode emptyMapping() {
        return new MappingNode(Tag.MAP, List.of(), org.snakeyaml.engine.v2.common.FlowStyle.AUTO);
    }

    private static Class<?> rawClass(Type type, String path) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new IllegalStateException(path + ": unsupported configuration type " + type);
    }

    private static Type argument(Type type, int index, String path) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalStateException(path + ": " + type + " needs a type argument");
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
