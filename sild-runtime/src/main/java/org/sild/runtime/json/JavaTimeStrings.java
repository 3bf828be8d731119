package org.sild.runtime.json;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

/** {@code java.time} values as their ISO-8601 {@code toString}/{@code parse} strings, without a datatype module. */
final class JavaTimeStrings {

    private JavaTimeStrings() {
    }

    static SimpleModule module() {
        var module = new SimpleModule("sild-java-time");
        add(module, Instant.class, Instant::parse);
        add(module, Duration.class, Duration::parse);
        add(module, LocalDate.class, LocalDate::parse);
        add(module, OffsetDateTime.class, OffsetDateTime::parse);
        return module;
    }

    private static <T> void add(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addSerializer(type, new IsoSerializer<>(type));
        module.addDeserializer(type, new IsoDeserializer<>(type, parse));
    }

    private static final class IsoSerializer<T> extends StdScalarSerializer<T> {
        private static final long serialVersionUID = 1L;

        IsoSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class IsoDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final transient Function<String, T> parse;

        IsoDeserializer(Class<T> type, Function<String, T> parse) {
            super(type);
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return type.cast(ctx.handleUnexpectedToken(type, p));
            }
            String text = p.getText();
            try {
                return parse.apply(text.strip());
            } catch (DateTimeException e) {
                return type.cast(ctx.handleWeirdStringValue(type, text, "not an ISO-8601 %s", type.getSimpleName()));
            }
        }
    }
}
