-- Version 2: cluster membership for the Orleans ADO.NET clustering provider.
--
-- The provider reads every OrleansQuery row at start and refuses to run unless all of GatewaysQueryKey,
-- MembershipReadRowKey, MembershipReadAllKey, InsertMembershipVersionKey, UpdateIAmAlivetimeKey,
-- InsertMembershipKey, UpdateMembershipKey, DeleteMembershipTableEntriesKey and CleanupDefunctSiloEntriesKey
-- are present (CleanupDefunctSiloEntryKey is optional and not provided). It binds @DeploymentId (the cluster
-- id), @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @SuspectTimes, @StartTime,
-- @IAmAliveTime and @Version (the table version the silo read). Inserts and updates answer one boolean: true
-- only if the row changed and the table version moved on from @Version.

CREATE TABLE balancer_membership_version
(
    deployment_id text NOT NULL PRIMARY KEY,
    version integer NOT NULL DEFAULT 0,
    modified_on timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE balancer_membership
(
    deployment_id text NOT NULL REFERENCES balancer_membership_version (deployment_id) ON DELETE CASCADE,
    address text NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name text NOT NULL,
    host_name text NOT NULL,
    status integer NOT NULL,
    proxy_port integer,
    suspect_times text,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'InsertMembershipVersionKey',
    'WITH inserted AS
    (
        INSERT INTO balancer_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING deployment_id
    )
    SELECT EXISTS (SELECT 1 FROM inserted)'
),
(
    -- The version row is locked first, so of two silos holding the same version only one moves it on.
    'InsertMembershipKey',
    'WITH current_version AS
    (
        SELECT v.deployment_id FROM balancer_membership_version v
        WHERE v.deployment_id = @DeploymentId AND v.version = @Version
        FOR UPDATE
    ),
    inserted AS
    (
        INSERT INTO balancer_membership (deployment_id, address, port, generation, silo_name, host_name,
            status, proxy_port, start_time, i_am_alive_time)
        SELECT c.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
            @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM current_version c
        ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
        RETURNING deployment_id
    ),
    bumped AS
    (
        UPDATE balancer_membership_version v
        SET version = v.version + 1, modified_on = now()
        FROM inserted i
        WHERE v.deployment_id = i.deployment_id
        RETURNING v.deployment_id
    )
    SELECT EXISTS (SELECT 1 FROM bumped)'
),
(
    'UpdateMembershipKey',
    'WITH current_version AS
    (
        SELECT v.deployment_id FROM balancer_membership_version v
        WHERE v.deployment_id = @DeploymentId AND v.version = @Version
        FOR UPDATE
    ),
    updated AS
    (
        UPDATE balancer_membership m
        SET status = @Status, suspect_times = @SuspectTimes::text, i_am_alive_time = @IAmAliveTime
        FROM current_version c
        WHERE m.deployment_id = c.deployment_id
            AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
        RETURNING m.deployment_id
    ),
    bumped AS
    (
        UPDATE balancer_membership_version v
        SET version = v.version + 1, modified_on = now()
        WHERE v.deployment_id IN (SELECT deployment_id FROM updated)
        RETURNING v.deployment_id
    )
    SELECT EXISTS (SELECT 1 FROM bumped)'
),
(
    -- Liveness alone does not move the table version.
    'UpdateIAmAlivetimeKey',
    'UPDATE balancer_membership
    SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId
        AND address = @Address AND port = @Port AND generation = @Generation'
),
(
    -- The version row comes back even when no silo matches: the provider reads the version from the first row.
    'MembershipReadRowKey',
    'SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
        m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
        m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime",
        m.i_am_alive_time AS "IAmAliveTime"
    FROM balancer_membership_version v
    LEFT JOIN balancer_membership m ON m.deployment_id = v.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId'
),
(
    'MembershipReadAllKey',
    'SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
        m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
        m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime",
        m.i_am_alive_time AS "IAmAliveTime"
    FROM balancer_membership_version v
    LEFT JOIN balancer_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId'
),
(
    'GatewaysQueryKey',
    'SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
    FROM balancer_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0'
),
(
    -- The silos' rows go with the version row (ON DELETE CASCADE).
    'DeleteMembershipTableEntriesKey',
    'DELETE FROM balancer_membership_version WHERE deployment_id = @DeploymentId'
),
(
    -- Only silos declared dead (status 6) and silent since the given time; a silo still joining stays.
    'CleanupDefunctSiloEntriesKey',
    'DELETE FROM balancer_membership
    WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime'
);
