-- One row per scheduled job that must run on one node at a time (time-stamping, archiving, cleaning).
-- A run locks its row with SELECT ... FOR UPDATE for the length of its transaction, so nodes sharing
-- the store take turns. Portable between H2 and PostgreSQL.
CREATE TABLE job_lock (
    name VARCHAR(100) PRIMARY KEY
);
INSERT INTO job_lock (name) VALUES ('timestamper');
INSERT INTO job_lock (name) VALUES ('archiver');
INSERT INTO job_lock (name) VALUES ('cleaner');
