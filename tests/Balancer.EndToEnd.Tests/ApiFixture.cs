using System.Globalization;
using Balancer.Api.Hosting;
using Balancer.Grains;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Balancer.EndToEnd.Tests;

/// <summary>
/// One real api host for the test assembly: Kestrel on loopback ports of its own, an embedded silo,
/// and Balancer's clock under the tests' control. Each test takes a tenant of its own, and calls as that
/// tenant through <see cref="For"/>, with a key the fixture issues it.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private static int _tenants;
    private WebApplication? _app;

    /// <summary>Balancer's time; the Orleans runtime and Kestrel keep real time.</summary>
    public FakeTimeProvider Time { get; } =
        new(DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond)));

    public string WebUrl { get; private set; } = "";

    public string GrpcUrl { get; private set; } = "";

    /// <summary>A channel that presents no credential, for tests of what the api refuses.</summary>
    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>Issues the tenants' keys with the bootstrap key the host is configured with.</summary>
    public TenantKeys Keys { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (web, grpc, silo, gateway) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free(),
            LoopbackPort.Free());
        WebUrl = $"http://127.0.0.1:{web}";
        GrpcUrl = $"http://127.0.0.1:{grpc}";
        _app = BalancerApiHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Web:Url"] = WebUrl,
                ["Kestrel:Endpoints:Web:Protocols"] = "Http1",
                ["Kestrel:Endpoints:Grpc:Url"] = GrpcUrl,
                ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
                ["Balancer:Cluster:SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
                ["Balancer:Cluster:GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
                ["Balancer:Queues:BreachScanInterval"] = "00:00:00.050",
                ["Balancer:Live:FlushInterval"] = "00:00:00.050",
                ["Balancer:Live:SnapshotInterval"] = "00:00:00.100",
                ["Balancer:Live:ObserverRefreshInterval"] = "00:00:01",
                ["Balancer:Thresholds:MinimumSample"] = "10",
                ["Balancer:Cadence:Period"] = "00:00:01",
                ["Balancer:Dispatch:DispatchInterval"] = "00:00:00.050",
                ["Balancer:Auth:BootstrapKey"] = TenantKeys.TestBootstrapKey,
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Services.AddSingleton(new BalancerClock(Time));
        });
        await _app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Channel = GrpcChannel.ForAddress(GrpcUrl);
        Keys = new TenantKeys(GrpcUrl);
    }

    public async Task DisposeAsync()
    {
        Keys?.Dispose();
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await _app.DisposeAsync();
        }
    }

    /// <summary>A channel that calls as <paramref name="tenant"/>, with its key of every role.</summary>
    public GrpcChannel For(string tenant) => Keys.For(tenant);

    /// <summary>A tenant id no other test uses.</summary>
    public static string NewTenant(string name) => $"{name}-{Interlocked.Increment(ref _tenants)}";

    /// <summary>Now on Balancer's clock, in the milliseconds events carry.</summary>
    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
