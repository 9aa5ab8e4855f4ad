-- The command service keeps no tables of its own yet: its state is the event store (event-store module).
-- This baseline makes its Flyway history exist, so later migrations have a place to start from.
CREATE SCHEMA IF NOT EXISTS command_side;
