-- Issue 17. A resubmission marker on a record is honoured only when the command service wrote it: the resubmission
-- stores a random token here and sends it in a header; a record naming a dead letter without its token, or with
-- other bytes than the parked ones, is treated as any other record (the header is producer input).
ALTER TABLE command_side.dead_letter ADD COLUMN IF NOT EXISTS resubmission_token TEXT;
-- Who produced the record, as far as the broker vouches for it: the topic it was written to (ADR 0013).
ALTER TABLE command_side.dead_letter ADD COLUMN IF NOT EXISTS producer TEXT;
