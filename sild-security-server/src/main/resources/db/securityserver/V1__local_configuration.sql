-- Local configuration of a security server (owner, clients, services, access rights, local groups).
-- Portable between H2 and PostgreSQL. Identifiers are stored in X-Road's short form
-- (SUBSYSTEM:DEV/GOV/70000001/registry) so one column keys any kind of identifier; "no version" is ''
-- so that unique constraints hold. Several security server nodes may share these tables.

-- The one row (id = 1) with the server's identity and maintenance mode. Every change to the local
-- configuration increments version in the same transaction: it serialises writers and tells the
-- caches of every node that they are stale.
CREATE TABLE conf_server (
    id INTEGER PRIMARY KEY,
    owner_id VARCHAR(2100),
    server_code VARCHAR(300),
    maintenance BOOLEAN NOT NULL,
    maintenance_message VARCHAR(2000),
    version BIGINT NOT NULL,
    CONSTRAINT conf_server_single CHECK (id = 1)
);
INSERT INTO conf_server (id, maintenance, version) VALUES (1, FALSE, 0);

CREATE TABLE conf_client (
    client_id VARCHAR(2100) PRIMARY KEY,
    status VARCHAR(40) NOT NULL,
    connection_type VARCHAR(20) NOT NULL
);

CREATE TABLE conf_is_certificate (
    client_id VARCHAR(2100) NOT NULL REFERENCES conf_client (client_id),
    sha256 VARCHAR(64) NOT NULL,
    certificate BYTEA NOT NULL,
    PRIMARY KEY (client_id, sha256)
);

CREATE TABLE conf_service_description (
    id UUID PRIMARY KEY,
    client_id VARCHAR(2100) NOT NULL REFERENCES conf_client (client_id),
    type VARCHAR(20) NOT NULL,
    url VARCHAR(2048) NOT NULL,
    disabled BOOLEAN NOT NULL,
    disabled_notice VARCHAR(2000),
    refreshed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conf_service_description_url UNIQUE (client_id, url)
);

CREATE TABLE conf_service (
    description_id UUID NOT NULL REFERENCES conf_service_description (id) ON DELETE CASCADE,
    client_id VARCHAR(2100) NOT NULL,
    service_code VARCHAR(300) NOT NULL,
    service_version VARCHAR(300) NOT NULL,
    url VARCHAR(2048) NOT NULL,
    timeout_seconds INTEGER NOT NULL,
    verify_tls BOOLEAN NOT NULL,
    PRIMARY KEY (client_id, service_code, service_version)
);
CREATE INDEX conf_service_description_idx ON conf_service (description_id);

-- REST endpoints of a service code; the whole-service endpoint (* **) is implicit.
CREATE TABLE conf_endpoint (
    client_id VARCHAR(2100) NOT NULL,
    service_code VARCHAR(300) NOT NULL,
    method VARCHAR(10) NOT NULL,
    path VARCHAR(1000) NOT NULL,
    PRIMARY KEY (client_id, service_code, method, path)
);

CREATE TABLE conf_local_group (
    client_id VARCHAR(2100) NOT NULL REFERENCES conf_client (client_id),
    group_code VARCHAR(300) NOT NULL,
    description VARCHAR(2000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, group_code)
);

CREATE TABLE conf_group_member (
    client_id VARCHAR(2100) NOT NULL,
    group_code VARCHAR(300) NOT NULL,
    member_id VARCHAR(2100) NOT NULL,
    added_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, group_code, member_id),
    FOREIGN KEY (client_id, group_code) REFERENCES conf_local_group (client_id, group_code) ON DELETE CASCADE
);

-- Who may call a service code of a client (and, for REST, which endpoints).
CREATE TABLE conf_access_right (
    client_id VARCHAR(2100) NOT NULL,
    subject_id VARCHAR(2100) NOT NULL,
    service_code VARCHAR(300) NOT NULL,
    method VARCHAR(10) NOT NULL,
    path VARCHAR(1000) NOT NULL,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, service_code, subject_id, method, path)
);
