using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Balancer.Grains;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.TestingHost;

namespace Balancer.Storage.Tests;

/// <summary>Membership as well as grain state in PostgreSQL, at the connection string in the configuration.</summary>
public sealed class PostgresClusterSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[PostgresSiloConfigurator.ConnectionStringKey]
            ?? throw new InvalidOperationException($"{PostgresSiloConfigurator.ConnectionStringKey} is not set.");
        siloBuilder.AddBalancerGrains(siloBuilder.Configuration)
            .UseBalancerPostgresStorage(connectionString)
            .UseBalancerPostgresClustering(connectionString);
    }
}

/// <summary>A client that finds the gateways in the PostgreSQL membership.</summary>
public sealed class PostgresClusterClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var connectionString = configuration[PostgresSiloConfigurator.ConnectionStringKey]
            ?? throw new InvalidOperationException($"{PostgresSiloConfigurator.ConnectionStringKey} is not set.");
        clientBuilder.UseBalancerPostgresClustering(connectionString);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ClusteringTests(PostgresServer server)
{
    private static readonly TimeSpan Limit = StorageCluster.CallLimit;

    [Fact]
    public async Task TwoSilos_PostgresMembership_BothActiveAndServingGrains()
    {
        var database = await server.CreateDatabase();
        await BalancerMigrations.Apply(database, CancellationToken.None).WaitAsync(Limit);
        var builder = new TestClusterBuilder();
        builder.Options.InitialSilosCount = 2;
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ServiceId = "balancer-clustering-tests";
        builder.Options.ClusterId = "balancer-clustering-tests";
        builder.Properties[PostgresSiloConfigurator.ConnectionStringKey] = database;
        builder.AddSiloBuilderConfigurator<PostgresClusterSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClusterClientConfigurator>();
        var cluster = builder.Build();
        var stopped = false;
        try
        {
            await cluster.DeployAsync().WaitAsync(StorageCluster.StartLimit);

            var tenant = cluster.Client.GetGrain<ITenantGrain>("acme");
            var settings = new QueueSettings(TimeSpan.FromMinutes(10), "Support");
            Assert.True(await tenant.UpsertQueue("support", settings).WaitAsync(Limit));
            Assert.Equal(["support"], (await tenant.GetCatalog().WaitAsync(Limit)).QueueIds);
            Assert.Equal(
                2L,
                await MigrationTests.Scalar<long>(
                    database,
                    "SELECT count(*) FROM balancer_membership "
                    + "WHERE deployment_id = 'balancer-clustering-tests' AND status = 3 AND proxy_port > 0"));

            await cluster.StopAllSilosAsync().WaitAsync(StorageCluster.StartLimit);
            stopped = true;
            Assert.Equal(
                "6,6",
                await MigrationTests.Scalar<string>(
                    database, "SELECT string_agg(status::text, ',' ORDER BY port) FROM balancer_membership"));
        }
        finally
        {
            if (!stopped)
            {
                await cluster.StopAllSilosAsync().WaitAsync(StorageCluster.StartLimit);
            }

            await cluster.DisposeAsync().AsTask().WaitAsync(StorageCluster.StartLimit);
        }
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesOnlyDeadSilosSilentSinceTheDate()
    {
        var database = await server.CreateDatabase();
        await BalancerMigrations.Apply(database, CancellationToken.None).WaitAsync(Limit);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync().WaitAsync(Limit);
        await using (var seed = new NpgsqlCommand(
            """
            INSERT INTO balancer_membership_version (deployment_id) VALUES ('c');
            INSERT INTO balancer_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                proxy_port, start_time, i_am_alive_time)
            VALUES
                ('c', '10.0.0.1', 1, 1, 'dead-old', 'h', 6, 0, '2026-01-01Z', '2026-01-01Z'),
                ('c', '10.0.0.1', 2, 1, 'dead-new', 'h', 6, 0, '2026-01-01Z', '2026-03-01Z'),
                ('c', '10.0.0.1', 3, 1, 'joining-old', 'h', 1, 0, '2026-01-01Z', '2026-01-01Z'),
                ('c', '10.0.0.1', 4, 1, 'active-old', 'h', 3, 0, '2026-01-01Z', '2026-01-01Z')
            """,
            connection))
        {
            await seed.ExecuteNonQueryAsync().WaitAsync(Limit);
        }

        var query = await MigrationTests.Scalar<string>(
            database, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntriesKey'");
        await using (var cleanup = new NpgsqlCommand(query, connection))
        {
            cleanup.Parameters.AddWithValue("DeploymentId", "c");
            cleanup.Parameters.AddWithValue("IAmAliveTime", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
            Assert.Equal(1, await cleanup.ExecuteNonQueryAsync().WaitAsync(Limit));
        }

        Assert.Equal(
            "active-old,dead-new,joining-old",
            await MigrationTests.Scalar<string>(
                database, "SELECT string_agg(silo_name, ',' ORDER BY silo_name) FROM balancer_membership"));
    }
}
