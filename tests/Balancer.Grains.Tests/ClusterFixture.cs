using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Balancer.Grains.Tests;

/// <summary>
/// The fake time every grain of the test silo judges deadlines and windows by. Static because the
/// test host creates the silo configurator itself. Shared by all tests: only ever move it forward.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Time { get; } = new(Start);
}

/// <summary>
/// Balancer's grains on in-memory storage, with fast timers, a small minimum sample and the fake clock.
/// </summary>
public sealed class SiloConfigurator : ISiloConfigurator
{
    public static IConfiguration Configuration { get; } = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Balancer:Queues:BreachScanInterval"] = "00:00:00.050",
            ["Balancer:Live:FlushInterval"] = "00:00:00.050",
            ["Balancer:Live:SnapshotInterval"] = "00:00:00.100",
            ["Balancer:Live:ObserverRefreshInterval"] = "00:00:01",
            ["Balancer:Thresholds:MinimumSample"] = "4",
            ["Balancer:Cadence:Period"] = "00:00:01",
            ["Balancer:Dispatch:DispatchInterval"] = "00:00:00.050",
        })
        .Build();

    public void Configure(ISiloBuilder siloBuilder)
    {
        // Before AddBalancerGrains, whose TryAdd then leaves this clock in place.
        siloBuilder.Services.AddSingleton(new BalancerClock(TestClock.Time));
        siloBuilder.AddBalancerGrains(Configuration).UseBalancerMemoryStorage();
    }
}

/// <summary>One silo for the whole assembly.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public FakeTimeProvider Clock => TestClock.Time;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder();
        builder.Options.InitialSilosCount = 1;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync().WaitAsync(Limits.Start);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is { } cluster)
        {
            await cluster.StopAllSilosAsync().WaitAsync(Limits.Start);
            await cluster.DisposeAsync().AsTask().WaitAsync(Limits.Start);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Balancer cluster";
}
