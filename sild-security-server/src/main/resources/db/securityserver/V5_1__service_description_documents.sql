-- The downloaded WSDL or OpenAPI document of a service description (kept for getWsdl/getOpenAPI),
-- and which REST endpoints were derived from an OpenAPI document (replaced on refresh) rather than
-- added by hand (kept).
ALTER TABLE conf_service_description ADD COLUMN document BYTEA;
ALTER TABLE conf_endpoint ADD COLUMN generated BOOLEAN NOT NULL DEFAULT FALSE;
