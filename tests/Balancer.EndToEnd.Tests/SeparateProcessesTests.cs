using System.Collections.Concurrent;
using Balancer.Contracts.Api;
using Balancer.Contracts.Live;
using Balancer.Contracts.Model;
using Microsoft.AspNetCore.SignalR.Client;

namespace Balancer.EndToEnd.Tests;

/// <summary>The deployed shape: a silo process, and the api as an Orleans client in another, on real clocks.</summary>
public sealed class SeparateProcessesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SiloAndApiApart_QueueBreaches_FiguresAndCriticalWarningReachTheClients()
    {
        var (siloPort, gatewayPort, siloWeb) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var (web, grpc) = ($"http://127.0.0.1:{LoopbackPort.Free()}", $"http://127.0.0.1:{LoopbackPort.Free()}");
        await using var silo = ProcessHost.Start("silo/Balancer.Silo",
            $"--Balancer:Silo:SiloPort={siloPort}", $"--Balancer:Silo:GatewayPort={gatewayPort}",
            $"--Urls=http://127.0.0.1:{siloWeb}");
        await silo.WaitHealthy($"http://127.0.0.1:{siloWeb}/healthz", Timeout);
        await using var api = ProcessHost.Start("api/Balancer.Api",
            new Dictionary<string, string?> { ["Balancer__Auth__BootstrapKey"] = TenantKeys.TestBootstrapKey },
            "--Balancer:Cluster:Mode=Client", $"--Balancer:Cluster:GatewayPort={gatewayPort}",
            $"--Kestrel:Endpoints:Web:Url={web}", $"--Kestrel:Endpoints:Grpc:Url={grpc}");
        await api.WaitHealthy(web + "/healthz", Timeout);
        using var keys = new TenantKeys(grpc);
        var tenant = ApiFixture.NewTenant("apart");
        var channel = keys.For(tenant);
        await Tenants.Configure(channel, [("chat", 1)], ["ana"], [("welcome", 1)]);
        var warnings = new BlockingCollection<LiveWarning>();
        await using var hub = LiveHubs.Connect(web, await keys.KeyOf(tenant));
        hub.On<LiveWarning>(LiveHubContract.Warning, w => warnings.Add(w));
        await hub.StartAsync().WaitAsync(Timeout);
        await hub.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(Timeout);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // Twenty replies, the default minimum sample, left unanswered past a one-second window.
        var ack = await new Ingest.IngestClient(channel).SubmitAsync(
            Events.Batch(Enumerable.Range(0, 20).Select(i => Events.Reply(now, $"c{i}", "welcome", 1, "chat"))),
            deadline: DateTime.UtcNow + Timeout);

        Assert.Equal((20, 0), (ack.Accepted, ack.Rejected.Count));
        Assert.True(warnings.TryTake(out var warning, Timeout), $"No warning arrived.\n{api.Output}\n{silo.Output}");
        while (warning.Scope != LiveWarning.QueueScope && warnings.TryTake(out var next, Timeout))
        {
            warning = next;
        }

        Assert.Equal(("chat", WarningLevel.Critical, 1.0), (warning.SubjectId, warning.Level, warning.Value));
        var queue = await new Query.QueryClient(channel)
            .GetQueueAsync(new EntityRequest { Id = "chat" }, deadline: DateTime.UtcNow + Timeout);
        Assert.Equal((20, 20), (queue.Depth, (int)queue.Breached.OneHour));
    }
}
