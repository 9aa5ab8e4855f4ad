-- Read models of the query service. They can be dropped and rebuilt from the event store at any time.
CREATE SCHEMA IF NOT EXISTS read_model;

CREATE TABLE read_model.jobcenter (
    jobcenter_id    CHAR(5)     PRIMARY KEY,
    name            TEXT        NOT NULL,
    land            CHAR(2)     NOT NULL,
    carrier_type    VARCHAR(3)  NOT NULL,
    comparison_type VARCHAR(5),
    valid_from      DATE,
    registered_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE read_model.monthly_report (
    jobcenter_id      CHAR(5)     NOT NULL,
    reporting_month   DATE        NOT NULL, -- first day of the month
    data_status       DATE        NOT NULL,
    source            TEXT        NOT NULL,
    message_id        TEXT        NOT NULL,
    first_recorded_at TIMESTAMPTZ NOT NULL,
    last_changed_at   TIMESTAMPTZ NOT NULL,
    corrections       INTEGER     NOT NULL DEFAULT 0,
    PRIMARY KEY (jobcenter_id, reporting_month)
);

CREATE TABLE read_model.monthly_figure (
    jobcenter_id    CHAR(5)        NOT NULL,
    reporting_month DATE           NOT NULL,
    code            VARCHAR(32)    NOT NULL,
    total           NUMERIC(18, 2) NOT NULL,
    female          NUMERIC(18, 2),
    male            NUMERIC(18, 2),
    PRIMARY KEY (jobcenter_id, reporting_month, code),
    FOREIGN KEY (jobcenter_id, reporting_month) REFERENCES read_model.monthly_report (jobcenter_id, reporting_month)
);
