-- Axon's sequenced dead-letter queue for the query service's projections (issue 17): an event a projection cannot
-- apply is parked here with its sequence (a Jobcenter's month, an agreement, a Jobcenter), and so is every later
-- event of that sequence, while the processor goes on with the others; an operator retries after the fix.
-- The table Axon's JdbcSequencedDeadLetterQueue reads and writes (DeadLetterSchema.defaultSchema(); names unquoted,
-- folded to lower case), with PostgreSQL's bytea for serialised data. Idempotent: both services run this Flyway.
CREATE TABLE IF NOT EXISTS deadletterentry (
    deadletteridentifier VARCHAR(255)  NOT NULL PRIMARY KEY,
    processinggroup      VARCHAR(255)  NOT NULL,
    sequenceidentifier   VARCHAR(255)  NOT NULL,
    sequenceindex        BIGINT        NOT NULL,
    messagetype          VARCHAR(255)  NOT NULL,
    eventidentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadtype          VARCHAR(255)  NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255)  NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT deadletterentry_sequence_index_uk UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);

CREATE INDEX IF NOT EXISTS deadletterentry_processinggroup_idx ON deadletterentry (processinggroup);
CREATE INDEX IF NOT EXISTS deadletterentry_sequence_idx ON deadletterentry (processinggroup, sequenceidentifier);
