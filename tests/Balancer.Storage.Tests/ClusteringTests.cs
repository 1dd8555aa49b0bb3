using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Balancer.Grains;
using Microsoft.Extensions.Configuration;
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
        }
        finally
        {
            await cluster.StopAllSilosAsync().WaitAsync(StorageCluster.StartLimit);
            await cluster.DisposeAsync().AsTask().WaitAsync(StorageCluster.StartLimit);
        }
    }
}
