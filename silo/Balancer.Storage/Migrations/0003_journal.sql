-- Version 3: the ingest journal, every accepted event batch of a tenant kept so that its figures can be
-- rebuilt by replaying them after a silo is lost.
--
-- A row is one batch, as the serialized protobuf EventBatch the api accepted. position is one identity
-- shared by all tenants: it increases in the order rows are inserted, so within a tenant it gives the order
-- of appends, with gaps. Two hosts appending at once may commit a lower position after a higher one.
-- appended_at is the time the api accepted the batch; trimming deletes by it, oldest first, hence its index.

CREATE TABLE balancer_journal
(
    tenant_id text NOT NULL,
    position bigint GENERATED ALWAYS AS IDENTITY,
    appended_at timestamptz NOT NULL,
    events integer NOT NULL,
    batch bytea NOT NULL,
    PRIMARY KEY (tenant_id, position)
);

CREATE INDEX balancer_journal_appended_at ON balancer_journal (appended_at);
