-- Figures are bitemporal: every version of a Jobcenter's month is kept with the interval of recorded time in
-- which it was the known one (from the event that produced it until the event that superseded it), so "as
-- known on date X" is a plain query. Nothing is updated in place but the closing of an interval.
-- The rows are rebuilt from the event store: the old table goes, the processor's token is reset.
DROP TABLE read_model.monthly_report;

CREATE TABLE read_model.monthly_figures_version (
    jobcenter_id    CHAR(5)     NOT NULL,
    reporting_month DATE        NOT NULL, -- first day of the month (valid time)
    version         INTEGER     NOT NULL, -- 1 for the first figures, +1 per correction
    data_status     DATE        NOT NULL,
    source          TEXT        NOT NULL,
    message_id      TEXT        NOT NULL,
    event_id        TEXT        NOT NULL, -- the event that produced this version
    figures         JSONB       NOT NULL, -- all figures known in this version
    recorded_from   TIMESTAMPTZ NOT NULL, -- when the platform learned them
    recorded_to     TIMESTAMPTZ,          -- when a later version superseded them; NULL while current
    PRIMARY KEY (jobcenter_id, reporting_month, version)
);

-- at most one current version per Jobcenter and month
CREATE UNIQUE INDEX monthly_figures_version_current_uk
    ON read_model.monthly_figures_version (jobcenter_id, reporting_month) WHERE recorded_to IS NULL;

DO $$
BEGIN
    IF to_regclass('tokenentry') IS NOT NULL THEN
        DELETE FROM tokenentry WHERE processorname = 'monthly-figures';
    END IF;
END $$;
