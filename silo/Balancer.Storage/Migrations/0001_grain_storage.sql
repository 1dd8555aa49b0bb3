-- Version 1: grain state for the Orleans ADO.NET persistence provider.
--
-- The provider reads its three statements by key from OrleansQuery and binds @GrainIdHash, @GrainIdN0,
-- @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString and @ServiceId, plus
-- @GrainStateVersion on write and clear and @PayloadBinary on write. A write or clear must answer one row
-- whose version is the new one; an answer of NULL, or the version the grain already held, is the
-- provider's signal of a version conflict (InconsistentStateException).

CREATE TABLE balancer_grain_state
(
    service_id text NOT NULL,
    grain_type text NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    -- '' when the grain has no string key or extension, so the unique key needs no NULL semantics.
    grain_id_extension text NOT NULL,
    -- Kept for diagnostics and for the provider's hashers; identity is the columns of the key below.
    grain_type_hash integer NOT NULL,
    grain_id_hash integer NOT NULL,
    payload bytea,
    version integer NOT NULL,
    modified_on timestamptz NOT NULL DEFAULT now(),
    -- The provider's own table has no key: two first writes at once could leave two rows for one grain.
    CONSTRAINT balancer_grain_state_identity
        UNIQUE (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadFromStorageKey',
    'SELECT s.payload AS "PayloadBinary", s.version AS "Version"
    FROM balancer_grain_state s
    WHERE s.service_id = @ServiceId
        AND s.grain_type = @GrainTypeString
        AND s.grain_id_n0 = @GrainIdN0
        AND s.grain_id_n1 = @GrainIdN1
        AND s.grain_id_extension = coalesce(@GrainIdExtensionString::text, '''')'
),
(
    -- A first write (no version) inserts version 1 unless the row exists; a later write moves the row
    -- on by one only from the version the grain read. Anything else answers NULL: a conflict.
    'WriteToStorageKey',
    'WITH inserted AS
    (
        INSERT INTO balancer_grain_state AS s (service_id, grain_type, grain_id_n0, grain_id_n1,
            grain_id_extension, grain_type_hash, grain_id_hash, payload, version)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
            coalesce(@GrainIdExtensionString::text, ''''), @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1
        WHERE @GrainStateVersion::integer IS NULL
        ON CONFLICT ON CONSTRAINT balancer_grain_state_identity DO NOTHING
        RETURNING s.version
    ),
    updated AS
    (
        UPDATE balancer_grain_state s
        SET payload = @PayloadBinary, version = s.version + 1, modified_on = now()
        WHERE @GrainStateVersion::integer IS NOT NULL
            AND s.service_id = @ServiceId
            AND s.grain_type = @GrainTypeString
            AND s.grain_id_n0 = @GrainIdN0
            AND s.grain_id_n1 = @GrainIdN1
            AND s.grain_id_extension = coalesce(@GrainIdExtensionString::text, '''')
            AND s.version = @GrainStateVersion::integer
        RETURNING s.version
    )
    SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated LIMIT 1)
        AS "NewGrainStateVersion"'
),
(
    -- Clearing keeps the row, without payload, and moves its version on, so a stale grain still conflicts.
    'ClearStorageKey',
    'WITH inserted AS
    (
        INSERT INTO balancer_grain_state AS s (service_id, grain_type, grain_id_n0, grain_id_n1,
            grain_id_extension, grain_type_hash, grain_id_hash, payload, version)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
            coalesce(@GrainIdExtensionString::text, ''''), @GrainTypeHash, @GrainIdHash, NULL, 1
        WHERE @GrainStateVersion::integer IS NULL
        ON CONFLICT ON CONSTRAINT balancer_grain_state_identity DO NOTHING
        RETURNING s.version
    ),
    updated AS
    (
        UPDATE balancer_grain_state s
        SET payload = NULL, version = s.version + 1, modified_on = now()
        WHERE @GrainStateVersion::integer IS NOT NULL
            AND s.service_id = @ServiceId
            AND s.grain_type = @GrainTypeString
            AND s.grain_id_n0 = @GrainIdN0
            AND s.grain_id_n1 = @GrainIdN1
            AND s.grain_id_extension = coalesce(@GrainIdExtensionString::text, '''')
            AND s.version = @GrainStateVersion::integer
        RETURNING s.version
    )
    SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated LIMIT 1)
        AS "NewGrainStateVersion"'
);
