-- Target agreements: every event of an agreement in order, with the time the platform recorded it. The API folds
-- them into the agreement as known at any instant (signatures, revised targets, dialogues, progress).
CREATE TABLE read_model.agreement_history (
    agreement_id  TEXT        NOT NULL, -- <jobcenter id>-<year>
    sequence      BIGINT      NOT NULL, -- the event's sequence number in the agreement
    jobcenter_id  CHAR(5)     NOT NULL,
    year          INTEGER     NOT NULL,
    event_type    TEXT        NOT NULL, -- simple name of the event class
    event_id      TEXT        NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    payload       JSONB       NOT NULL,
    PRIMARY KEY (agreement_id, sequence)
);

CREATE INDEX agreement_history_jobcenter_year ON read_model.agreement_history (jobcenter_id, year);
