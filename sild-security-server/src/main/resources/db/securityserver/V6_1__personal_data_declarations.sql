-- Personal data declarations (issue 7): where a provider service's requests name their data subject.
-- One row per provider subsystem + service code and, for REST, optionally per endpoint (method and
-- path template; '' for the service-level declaration). Kept with the service description: the
-- rows of a service code go when the code's last service goes (ServiceDescriptions.dropOrphans);
-- endpoint rows apply only while their endpoint exists (the Declarations class leaves the others out).
-- Portable between H2 and PostgreSQL.
CREATE TABLE conf_pdu_declaration (
    client_id VARCHAR(2100) NOT NULL,
    service_code VARCHAR(300) NOT NULL,
    method VARCHAR(10) NOT NULL,
    path VARCHAR(1000) NOT NULL,
    locator_kind VARCHAR(40) NOT NULL,
    locator_name VARCHAR(1000) NOT NULL,
    namespaces VARCHAR(4000) NOT NULL,
    subject_prefix VARCHAR(100),
    processing_type VARCHAR(255) NOT NULL,
    purpose VARCHAR(1000),
    legal_basis VARCHAR(1000),
    PRIMARY KEY (client_id, service_code, method, path)
);
-- The retention cleaner of pdu_usage runs on one node at a time.
INSERT INTO job_lock (name) VALUES ('pdu-cleaner');
