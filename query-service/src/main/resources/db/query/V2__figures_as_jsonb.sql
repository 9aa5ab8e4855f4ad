-- One row per Jobcenter and month, the figures as one jsonb document: one write per event instead of one per
-- figure, which the projection batches per processor batch. The read model is rebuilt from the event store:
-- the rows are dropped and the processor's token is reset, so it replays from the first event.
DROP TABLE read_model.monthly_figure;
TRUNCATE read_model.monthly_report;
ALTER TABLE read_model.monthly_report ADD COLUMN figures JSONB NOT NULL DEFAULT '{}'::jsonb;
DO $$
BEGIN
    -- absent on a new database, where the event store schema may be migrated after this one
    IF to_regclass('tokenentry') IS NOT NULL THEN
        DELETE FROM tokenentry WHERE processorname = 'monthly-figures';
    END IF;
END $$;
