using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Balancer.Grains.Tests;

/// <summary>The grains as a journaled deployment runs them: fenced by epoch, reporting lost figures.</summary>
public sealed class RecoverySiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(SiloConfigurator.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Balancer:Recovery:Enabled"] = "true" })
            .Build();
        siloBuilder.Services.AddSingleton(new BalancerClock(TestClock.Time));
        siloBuilder.AddBalancerGrains(configuration).UseBalancerMemoryStorage();
    }
}

/// <summary>A silo of its own for the recovery tests, whose grains refuse the unfenced slices of the others.</summary>
public sealed class RecoveryFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public IClusterClient Client => (_cluster ?? throw new InvalidOperationException("Not deployed.")).Client;

    public DateTimeOffset Now => TestClock.Time.GetUtcNow();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder();
        builder.Options.InitialSilosCount = 1;
        builder.AddSiloBuilderConfigurator<RecoverySiloConfigurator>();
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
