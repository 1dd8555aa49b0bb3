using Balancer.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Balancer.Storage.Tests;

/// <summary>Balancer's grains with their state in PostgreSQL, at the connection string in the configuration.</summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    /// <summary>The test cluster property that carries the database's connection string to the silo.</summary>
    public const string ConnectionStringKey = "Balancer:Storage:ConnectionString";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"{ConnectionStringKey} is not set.");
        siloBuilder.AddBalancerGrains(siloBuilder.Configuration).UseBalancerPostgresStorage(connectionString);
    }
}

/// <summary>A one-silo test cluster on one database; a second one on the same database is a restart.</summary>
public sealed class StorageCluster : IAsyncDisposable
{
    /// <summary>Deploying or stopping the cluster.</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(1);

    /// <summary>One grain or storage call.</summary>
    public static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(10);

    private StorageCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The silo's Balancer grain storage, for tests that drive it directly.</summary>
    public IGrainStorage Storage =>
        Cluster.Primary is InProcessSiloHandle { SiloHost: { } host }
            ? host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Balancer)
            : throw new InvalidOperationException("The silo is not running in this process.");

    public static async Task<StorageCluster> Start(string connectionString)
    {
        var builder = new TestClusterBuilder();
        builder.Options.InitialSilosCount = 1;
        builder.Options.ServiceId = "balancer-storage-tests";
        builder.Properties[PostgresSiloConfigurator.ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync().WaitAsync(StartLimit);
        return new StorageCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync().WaitAsync(StartLimit);
        await Cluster.DisposeAsync().AsTask().WaitAsync(StartLimit);
    }
}
