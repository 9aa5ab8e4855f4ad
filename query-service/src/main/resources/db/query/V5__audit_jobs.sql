-- Auditors' jobs (replays, audit packages; docs/audit.md, ADR 0012): their state, progress and results, shared by
-- every query-service instance. Outside read_model on purpose: a rebuild replaces read_model and insists that every
-- table in it belongs to a read model; these rows are not derived from events and must survive a rebuild.
CREATE SCHEMA IF NOT EXISTS audit_job;

CREATE TABLE audit_job.job (
    job_id        UUID        PRIMARY KEY,
    kind          TEXT        NOT NULL CHECK (kind IN ('REPLAY', 'PACKAGE')),
    owner         TEXT        NOT NULL, -- the principal that started it
    parameters    JSONB       NOT NULL,
    state         TEXT        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    phase         TEXT,
    done          BIGINT      NOT NULL DEFAULT 0, -- progress within the phase
    expected      BIGINT,
    runner        TEXT        NOT NULL, -- the instance that runs it
    created_at    TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    heartbeat_at  TIMESTAMPTZ NOT NULL,
    lease_until   TIMESTAMPTZ NOT NULL, -- a job still QUEUED or RUNNING after this has lost its runner
    finished_at   TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ,          -- when the job and its result are deleted
    error         TEXT,
    result        JSONB,                -- a replay's comparison
    file_name     TEXT,                 -- a package: its zip, in package_chunk
    file_bytes    BIGINT,
    file_sha256   TEXT
);

CREATE INDEX job_active ON audit_job.job (owner) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX job_expires ON audit_job.job (expires_at);
CREATE INDEX job_created ON audit_job.job (created_at);

-- A package's zip in pieces, written while it is produced and read back piece by piece by any instance.
CREATE TABLE audit_job.package_chunk (
    job_id UUID    NOT NULL REFERENCES audit_job.job ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    data   BYTEA   NOT NULL,
    PRIMARY KEY (job_id, seq)
);
-- a zip is compressed already: stored out of line without a second, futile compression
ALTER TABLE audit_job.package_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
