using System.Globalization;
using Balancer.Api.Hosting;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Balancer.EndToEnd.Tests;

/// <summary>
/// A real api host with its embedded silo, durable on a PostgreSQL database: grain state, membership and the
/// ingest journal there. A second one on the same database is the same deployment restarted.
/// </summary>
public sealed class DurableHost : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private DurableHost(WebApplication app, string grpcUrl)
    {
        App = app;
        Channel = GrpcChannel.ForAddress(grpcUrl);
        Keys = new TenantKeys(grpcUrl);
    }

    public WebApplication App { get; }

    /// <summary>A channel that presents no credential.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Issues the tenants' keys with the bootstrap key the host is configured with.</summary>
    public TenantKeys Keys { get; }

    /// <summary>A channel that calls as <paramref name="tenant"/>, with its key of every role.</summary>
    public GrpcChannel For(string tenant) => Keys.For(tenant);

    /// <summary>The embedded silo's grains, for tests that take one away as a lost silo would.</summary>
    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public static async Task<DurableHost> Start(string connectionString)
    {
        var (web, grpc, silo, gateway) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free(),
            LoopbackPort.Free());
        var app = BalancerApiHost.Build([], builder => builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:Balancer"] = connectionString,
                ["Kestrel:Endpoints:Web:Url"] = $"http://127.0.0.1:{web}",
                ["Kestrel:Endpoints:Web:Protocols"] = "Http1",
                ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpc}",
                ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
                ["Balancer:Cluster:SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
                ["Balancer:Cluster:GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
                ["Balancer:Cluster:AdvertisedAddress"] = "127.0.0.1",
                ["Balancer:Recovery:SweepInterval"] = "00:00:01",
                ["Balancer:Cadence:Period"] = "00:00:01",
                ["Balancer:Auth:BootstrapKey"] = TenantKeys.TestBootstrapKey,
                ["Logging:LogLevel:Default"] = "Warning",
            }));
        await app.StartAsync().WaitAsync(StartLimit);
        return new DurableHost(app, $"http://127.0.0.1:{grpc}");
    }

    public async ValueTask DisposeAsync()
    {
        Keys.Dispose();
        Channel.Dispose();
        await App.StopAsync().WaitAsync(StartLimit);
        await App.DisposeAsync();
    }
}
