-- Database locks of the message log's archiving and cleaning jobs: a job locks its row (SELECT ... FOR
-- UPDATE) in each transaction it runs, so that security server nodes sharing one database never
-- archive or clean at the same time. Portable between H2 and PostgreSQL.
CREATE TABLE message_log_job_lock (
    job_name VARCHAR(100) PRIMARY KEY
);
INSERT INTO message_log_job_lock (job_name) VALUES ('archiver');
INSERT INTO message_log_job_lock (job_name) VALUES ('cleaner');
