package org.sild.runtime.json;

import java.lang.reflect.Type;
import java.util.Optional;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.ReferenceTypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.ReferenceTypeSerializer;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.type.TypeBindings;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.type.TypeModifier;
import com.fasterxml.jackson.databind.util.NameTransformer;

/**
 * {@link Optional} as a Jackson reference type: an empty optional is JSON {@code null} (and
 * omitted under {@code NON_ABSENT}), a missing or {@code null} property reads as empty.
 *
 * <p>Jackson's own reference-type base classes do the work; this only tells them how to look
 * inside an {@code Optional}, so no {@code jackson-datatype-jdk8} dependency is needed.
 */
final class OptionalSupport {

    private OptionalSupport() {
    }

    static SimpleModule module() {
        return new SimpleModule("sild-optional") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addTypeModifier(new OptionalType());
                context.addSerializers(new OptionalSerializers());
                context.addDeserializers(new OptionalDeserializers());
            }
        };
    }

    private static final class OptionalType extends TypeModifier {
        @Override
        public JavaType modifyType(JavaType type, Type jdkType, TypeBindings bindings, TypeFactory factory) {
            if (type.isReferenceType() || type.isContainerType() || type.getRawClass() != Optional.class) {
                return type;
            }
            return ReferenceType.upgradeFrom(type, type.containedTypeOrUnknown(0));
        }
    }

    private static final class OptionalSerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
                BeanDescription description, TypeSerializer contentTypeSerializer,
                JsonSerializer<Object> contentSerializer) {
            if (!Optional.class.isAssignableFrom(type.getRawClass())) {
                return null;
            }
            boolean staticTyping = contentTypeSerializer == null
                    && config.isEnabled(com.fasterxml.jackson.databind.MapperFeature.USE_STATIC_TYPING);
            return new OptionalSerializer(type, staticTyping, contentTypeSerializer, contentSerializer);
        }
    }

    private static final class OptionalDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findReferenceDeserializer(ReferenceType type, DeserializationConfig config,
                BeanDescription description, TypeDeserializer contentTypeDeserializer,
                JsonDeserializer<?> contentDeserializer) {
            if (type.getRawClass() != Optional.class) {
                return null;
            }
            return new OptionalDeserializer(type, contentTypeDeserializer, contentDeserializer);
        }
    }

    private static final class OptionalSerializer extends ReferenceTypeSerializer<Optional<?>> {
        private static final long serialVersionUID = 1L;

        OptionalSerializer(ReferenceType type, boolean staticTyping, TypeSerializer vts, JsonSerializer<Object> ser) {
            super(type, staticTyping, vts, ser);
        }

        private OptionalSerializer(OptionalSerializer base, BeanProperty property, TypeSerializer vts,
                JsonSerializer<?> valueSer, NameTransformer unwrapper, Object suppressable, boolean suppressNulls) {
            super(base, property, vts, valueSer, unwrapper, suppressable, suppressNulls);
        }

        @Override
        protected ReferenceTypeSerializer<Optional<?>> withResolved(BeanProperty property, TypeSerializer vts,
                JsonSerializer<?> valueSer, NameTransformer unwrapper) {
            return new OptionalSerializer(this, property, vts, valueSer, unwrapper, _suppressableValue, _suppressNulls);
        }

        @Override
        public ReferenceTypeSerializer<Optional<?>> withContentInclusion(Object suppressable, boolean suppressNulls) {
            return new OptionalSerializer(this, _property, _valueTypeSerializer, _valueSerializer, _unwrapper,
                    suppressable, suppressNulls);
        }

        @Override
        protected boolean _isValuePresent(Optional<?> value) {
            return value.isPresent();
        }

        @Override
        protected Object _getReferenced(Optional<?> value) {
            return value.orElseThrow();
        }

        @Override
        protected Object _getReferencedIfPresent(Optional<?> value) {
            return value.isPresent() ? value.get() : null;
        }
    }

    private static final class OptionalDeserializer extends ReferenceTypeDeserializer<Optional<?>> {
        private static final long serialVersionUID = 1L;

        OptionalDeserializer(JavaType type, TypeDeserializer typeDeser, JsonDeserializer<?> deser) {
            super(type, null, typeDeser, deser);
        }

        @Override
        protected ReferenceTypeDeserializer<Optional<?>> withResolved(TypeDeserializer typeDeser,
                JsonDeserializer<?> valueDeser) {
            return new OptionalDeserializer(_fullType, typeDeser, valueDeser);
        }

        @Override
        public Optional<?> getNullValue(DeserializationContext ctx) {
            return Optional.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctx) {
            return Optional.empty();
        }

        @Override
        public Optional<?> referenceValue(Object contents) {
            return Optional.ofNullable(contents);
        }

        @Override
        public Optional<?> updateReference(Optional<?> reference, Object contents) {
            return Optional.ofNullable(contents);
        }

        @Override
        public Object getReferenced(Optional<?> reference) {
            return reference.orElse(null);
        }
    }
}
