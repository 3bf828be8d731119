-- Every certificate the development CA issued, and its revocation.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL alike.
CREATE TABLE ca_certificate (
    serial_number     VARCHAR(64)   NOT NULL,
    issuer_id         VARCHAR(64)   NOT NULL,
    cert_type         VARCHAR(16)   NOT NULL,
    subject           VARCHAR(4096) NOT NULL,
    not_before        TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after         TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    certificate       BYTEA         NOT NULL,
    revoked_at        TIMESTAMP WITH TIME ZONE,
    revocation_reason SMALLINT,
    CONSTRAINT pk_ca_certificate PRIMARY KEY (serial_number),
    CONSTRAINT ck_ca_certificate_type CHECK (cert_type IN ('auth', 'sign', 'tsa')),
    CONSTRAINT ck_ca_certificate_revocation CHECK (
        (revoked_at IS NULL AND revocation_reason IS NULL)
        OR (revoked_at IS NOT NULL AND revocation_reason IS NOT NULL))
);

CREATE INDEX ix_ca_certificate_issuer ON ca_certificate (issuer_id, issued_at);
