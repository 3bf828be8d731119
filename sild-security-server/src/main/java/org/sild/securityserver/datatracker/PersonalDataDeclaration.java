package org.sild.securityserver.datatracker;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sild.core.id.ClientId;

/**
 * A provider's statement that a service (or one REST endpoint of it) processes personal data, and
 * where its exchanges name the data subject. A service-level declaration covers every endpoint of
 * the service; an endpoint declaration overrides it for that endpoint. Immutable; validated when
 * built ({@link DeclarationException} naming the field).
 *
 * @param provider       the provider subsystem (or member)
 * @param serviceCode    the service code (every version)
 * @param endpoint       for REST: the endpoint ({@code METHOD /path/template}); empty: the whole service
 * @param locator        where the subject is
 * @param subjectPrefix  prepended to what the locator finds (e.g. {@code EE}, so subjects read {@code EE38001010001})
 * @param processingType the kind of processing (e.g. {@code read}, {@code write}, {@code update})
 * @param purpose        the default purpose, when the consumer states none
 * @param legalBasis     the default legal basis, when the consumer states none
 */
public record PersonalDataDeclaration(ClientId provider, String serviceCode, Optional<Endpoint> endpoint,
        SubjectLocator locator, Optional<String> subjectPrefix, String processingType, Optional<String> purpose,
        Optional<String> legalBasis) {

    /** Longest purpose or legal basis text. */
    public static final int MAX_TEXT_LENGTH = 1000;
    private static final Pattern METHOD = Pattern.compile("GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE");

    /**
     * A REST endpoint of a declaration: an HTTP method and a path template such as
     * {@code /prescriptions/{id}/dispense} ({@code {name}} one segment, {@code *} any one segment,
     * {@code **} the rest).
     */
    public record Endpoint(String method, String path) {

        public Endpoint {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            if (!METHOD.matcher(method).matches()) {
                throw DeclarationException.invalid("endpoint", "method '" + method + "' is not an upper-case HTTP method");
            }
            if (!path.startsWith("/") || path.length() > 1000) {
                throw DeclarationException.invalid("endpoint", "path '" + path
                        + "' must start with / (at most 1000 characters)");
            }
        }

        /** Reads {@code METHOD /path/template}. */
        public static Endpoint parse(String text) {
            String[] parts = text.strip().split("\\s+");
            if (parts.length != 2) {
                throw DeclarationException.invalid("endpoint", "endpoint '" + text + "' is not 'METHOD /path'");
            }
            return new Endpoint(parts[0], parts[1]);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public PersonalDataDeclaration {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        Objects.requireNonNull(processingType, "processingType");
        text("purpose", Objects.requireNonNull(purpose, "purpose"), MAX_TEXT_LENGTH);
        text("legalBasis", Objects.requireNonNull(legalBasis, "legalBasis"), MAX_TEXT_LENGTH);
        text("subjectPrefix", subjectPrefix, 100);
        if (serviceCode.isBlank()) {
            throw DeclarationException.invalid("serviceCode", "serviceCode is required");
        }
        if (processingType.isBlank() || processingType.length() > 255) {
            throw DeclarationException.invalid("processingType", "processingType needs 1..255 characters");
        }
        if (locator.kind() == SubjectLocator.Kind.PATH) {
            String variable = "{" + locator.name() + "}";
            if (endpoint.isEmpty() || !endpoint.get().path().contains(variable)) {
                throw DeclarationException.invalid("locator.name", "path variable " + variable
                        + " is not in the endpoint's path template" + endpoint.map(e -> " " + e.path()).orElse(""));
            }
        }
    }

    private static void text(String field, Optional<String> value, int max) {
        if (value.filter(v -> v.isBlank() || v.length() > max).isPresent()) {
            throw DeclarationException.invalid(field, field + " must have 1.." + max + " characters");
        }
    }

    /** A builder for {@code provider}'s service {@code serviceCode}; processing type {@code read} by default. */
    public static Builder builder(ClientId provider, String serviceCode) {
        return new Builder(provider, serviceCode);
    }

    /** Builds a {@link PersonalDataDeclaration}. Not thread-safe. */
    public static final class Builder {
        private final ClientId provider;
        private final String serviceCode;
        private Optional<Endpoint> endpoint = Optional.empty();
        private SubjectLocator locator;
        private Optional<String> subjectPrefix = Optional.empty();
        private String processingType = "read";
        private Optional<String> purpose = Optional.empty();
        private Optional<String> legalBasis = Optional.empty();

        private Builder(ClientId provider, String serviceCode) {
            this.provider = provider;
            this.serviceCode = serviceCode;
        }

        public Builder endpoint(Endpoint value) {
            endpoint = Optional.of(value);
            return this;
        }

        public Builder endpoint(Optional<Endpoint> value) {
            endpoint = value;
            return this;
        }

        public Builder locator(SubjectLocator value) {
            locator = value;
            return this;
        }

        public Builder subjectPrefix(String value) {
            subjectPrefix = Optional.of(value);
            return this;
        }

        public Builder subjectPrefix(Optional<String> value) {
            subjectPrefix = value;
            return this;
        }

        public Builder processingType(String value) {
            processingType = value;
            return this;
        }

        public Builder purpose(Optional<String> value) {
            purpose = value;
            return this;
        }

        public Builder purpose(String value) {
            return purpose(Optional.of(value));
        }

        public Builder legalBasis(Optional<String> value) {
            legalBasis = value;
            return this;
        }

        public Builder legalBasis(String value) {
            return legalBasis(Optional.of(value));
        }

        public PersonalDataDeclaration build() {
            if (locator == null) {
                throw DeclarationException.invalid("locator", "locator is required");
            }
            return new PersonalDataDeclaration(provider, serviceCode, endpoint, locator, subjectPrefix, processingType,
                    purpose, legalBasis);
        }
    }
}
