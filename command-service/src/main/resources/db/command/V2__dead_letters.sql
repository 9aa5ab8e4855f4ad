-- Messages rejected from the monthly-figures topic, for operators (GET /api/ingestion/dead-letters).
CREATE TABLE command_side.dead_letter (
    id               BIGSERIAL    PRIMARY KEY,
    topic            VARCHAR(249) NOT NULL,
    kafka_partition  INTEGER      NOT NULL,
    kafka_offset     BIGINT       NOT NULL,
    record_key       TEXT,
    record_value     BYTEA,
    error_code       VARCHAR(64)  NOT NULL,
    reason           TEXT         NOT NULL,
    parked_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- set when this message is itself the resubmission of an earlier dead letter
    resubmission_of  BIGINT       REFERENCES command_side.dead_letter (id),
    status           VARCHAR(16)  NOT NULL DEFAULT 'PARKED' CHECK (status IN ('PARKED', 'RESUBMITTED')),
    resubmitted_at   TIMESTAMPTZ,
    resubmitted_by   TEXT,
    CONSTRAINT dead_letter_record_uk UNIQUE (topic, kafka_partition, kafka_offset)
);

CREATE INDEX dead_letter_status_idx ON command_side.dead_letter (status, id);
