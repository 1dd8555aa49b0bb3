using System.Globalization;
using Balancer.Api.Hosting;
using Balancer.Grains;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Balancer.Access.Tests;

/// <summary>
/// A real api host for access tests: Kestrel on free loopback ports, an embedded silo, the tests' bootstrap key,
/// Balancer's clock under the tests' control, and whatever settings the test class adds.
/// </summary>
public sealed class AccessHost : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static int _tenants;

    private AccessHost(WebApplication app, string webUrl, string grpcUrl, FakeTimeProvider time)
    {
        App = app;
        WebUrl = webUrl;
        GrpcUrl = grpcUrl;
        Time = time;
        Keys = new TenantKeys(grpcUrl);
        Anonymous = GrpcChannel.ForAddress(grpcUrl);
    }

    public WebApplication App { get; }

    public string WebUrl { get; }

    public string GrpcUrl { get; }

    /// <summary>Balancer's time; the Orleans runtime and Kestrel keep real time.</summary>
    public FakeTimeProvider Time { get; }

    public TenantKeys Keys { get; }

    /// <summary>A channel that presents no credential.</summary>
    public GrpcChannel Anonymous { get; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A tenant id no other test of the run uses.</summary>
    public static string NewTenant(string name) => $"{name}-{Interlocked.Increment(ref _tenants)}";

    /// <summary>A channel presenting the tenant's key with every role.</summary>
    public GrpcChannel For(string tenant) => Keys.For(tenant);

    /// <param name="settings">Configuration of the test's own, over the defaults above.</param>
    /// <param name="services">Services of the test's own, registered before Balancer's, so they win where
    /// Balancer only adds its own if none is there.</param>
    public static async Task<AccessHost> Start(
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var (web, grpc, silo, gateway) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free(),
            LoopbackPort.Free());
        var (webUrl, grpcUrl) = ($"http://127.0.0.1:{web}", $"http://127.0.0.1:{grpc}");
        var time = new FakeTimeProvider(
            DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond)));
        var configuration = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Web:Url"] = webUrl,
            ["Kestrel:Endpoints:Web:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Grpc:Url"] = grpcUrl,
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Balancer:Cluster:SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["Balancer:Cluster:GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            ["Balancer:Auth:BootstrapKey"] = TenantKeys.TestBootstrapKey,
            ["Balancer:Live:FlushInterval"] = "00:00:00.050",
            ["Balancer:Live:SnapshotInterval"] = "00:00:00.100",
            ["Balancer:Live:ObserverRefreshInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = BalancerApiHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Services.AddSingleton(new BalancerClock(time));
            services?.Invoke(builder.Services);
        });
        await app.StartAsync().WaitAsync(StartLimit);
        return new AccessHost(app, webUrl, grpcUrl, time);
    }

    public async ValueTask DisposeAsync()
    {
        Keys.Dispose();
        Anonymous.Dispose();
        await App.StopAsync().WaitAsync(StartLimit);
        await App.DisposeAsync();
    }
}
