package org.sild.core.soap;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tok:securityToken} header (PR-SECTOKEN): a token carried end to end, never validated
 * by security servers, with the optional {@code tokenType} URI. Immutable.
 */
public record SecurityToken(String value, Optional<String> tokenType) {

    /** Namespace of the extension's element. */
    public static final String NAMESPACE = "http://x-road.eu/xsd/security-token.xsd";
    /** The token type of a JSON Web Token (RFC 7519 §10.2.1). */
    public static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";

    public SecurityToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(tokenType, "tokenType");
    }

    @Override
    public String toString() {
        // Tokens are credentials: keep them out of logs.
        return "SecurityToken[tokenType=" + tokenType.orElse("") + ", " + value.length() + " characters]";
    }
}
