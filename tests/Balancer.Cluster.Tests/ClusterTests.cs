using System.Diagnostics;
using Balancer.Contracts.Api;
using Grpc.Core;
using Xunit.Abstractions;

namespace Balancer.Cluster.Tests;

/// <summary>
/// Balancer as deployed: silo processes and an api process on one PostgreSQL database, joined through its
/// membership table, keeping their grains' state in it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresServer server, ITestOutputHelper output)
{
    /// <summary>One call, or one read of the catalog.</summary>
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long after a silo's death the membership and the api may take to recover.</summary>
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TwoSilosAndAnApi_Durable_SilosActiveInTheTableAndTheCatalogReadsBack()
    {
        var database = await server.CreateDatabase();
        await using var deployment = new ClusterDeployment(database);

        var silos = await Task.WhenAll(deployment.StartSilo(), deployment.StartSilo());
        var api = await deployment.StartApi();
        using var keys = new TenantKeys(api.GrpcUrl);
        await TenantCatalog.Configure(keys.For("acme"), CallLimit);

        var rows = await deployment.Membership();
        Assert.Equal(
            silos.Select(s => (s.SiloPort, s.GatewayPort, SiloStatus.Active)).OrderBy(s => s.SiloPort),
            rows.Select(r => (r.Port, r.ProxyPort, r.Status)));
        Assert.All(rows, r => Assert.Equal("127.0.0.1", r.Address));
        Assert.Equal(TenantCatalog.Expected("acme"), await TenantCatalog.Read(keys.For("acme"), CallLimit));
    }

    [Fact]
    public async Task FullRestart_SameDatabase_EverySiloLeftDeadAndTheCatalogReadsBack()
    {
        var database = await server.CreateDatabase();
        await using (var first = new ClusterDeployment(database))
        {
            await Task.WhenAll(first.StartSilo(), first.StartSilo());
            var api = await first.StartApi();
            using var keys = new TenantKeys(api.GrpcUrl);
            await TenantCatalog.Configure(keys.For("acme"), CallLimit);
            var stopping = Stopwatch.StartNew();
            await first.StopAll();
            output.WriteLine($"The api and two silos stopped gracefully in {stopping.Elapsed.TotalSeconds:F1} s.");

            Assert.Equal([SiloStatus.Dead, SiloStatus.Dead], (await first.Membership()).Select(r => r.Status));
        }

        await using var second = new ClusterDeployment(database);
        var silos = await Task.WhenAll(second.StartSilo(), second.StartSilo());
        var restarted = await second.StartApi();
        using var again = new TenantKeys(restarted.GrpcUrl);

        Assert.Equal(TenantCatalog.Expected("acme"), await TenantCatalog.Read(again.For("acme"), CallLimit));
        Assert.Equal(
            [SiloStatus.Active, SiloStatus.Active, SiloStatus.Dead, SiloStatus.Dead],
            (await second.Membership()).Select(r => r.Status).Order());
        await silos[0].Process.WaitForLine("Database schema up to date at version", CallLimit);
    }

    [Fact]
    public async Task EmbeddedApi_Durable_MigratesJoinsAndTheCatalogSurvivesARestart()
    {
        var database = await server.CreateDatabase();
        await using (var first = new ClusterDeployment(database))
        {
            var api = await first.StartEmbeddedApi();
            using var keys = new TenantKeys(api.GrpcUrl);
            await TenantCatalog.Configure(keys.For("acme"), CallLimit);

            Assert.Equal([SiloStatus.Active], (await first.Membership()).Select(r => r.Status));
            await api.Process.WaitForLine("Database migrated before the silo started", CallLimit);
            await first.StopAll();
            Assert.Equal([SiloStatus.Dead], (await first.Membership()).Select(r => r.Status));
        }

        await using var second = new ClusterDeployment(database);
        var restarted = await second.StartEmbeddedApi();
        using var again = new TenantKeys(restarted.GrpcUrl);

        Assert.Equal(TenantCatalog.Expected("acme"), await TenantCatalog.Read(again.For("acme"), CallLimit));
    }

    [Fact]
    public async Task SiloKilled_WhileTheApiServes_DeclaredDeadAndTheCatalogServedByTheSurvivors()
    {
        var tenants = Enumerable.Range(1, 4).Select(i => $"tenant-{i}").ToList();
        var database = await server.CreateDatabase();
        await using var deployment = new ClusterDeployment(database);
        var silos = await Task.WhenAll(deployment.StartSilo(), deployment.StartSilo());
        var api = await deployment.StartApi();
        using var keys = new TenantKeys(api.GrpcUrl);
        foreach (var tenant in tenants)
        {
            await TenantCatalog.Configure(keys.For(tenant), CallLimit);
        }

        var third = await deployment.StartSilo();
        var active = await Waits.Until(
            deployment.Membership, rows => rows.Count(r => r.Status == SiloStatus.Active) == 3, CallLimit);
        Assert.Equal(3, active.Count(r => r.Status == SiloStatus.Active));
        foreach (var tenant in tenants)
        {
            Assert.Equal(TenantCatalog.Expected(tenant), await TenantCatalog.Read(keys.For(tenant), CallLimit));
        }

        var sender = new RetryingSender(keys.For, new RetryPolicy(Pause: TimeSpan.FromMilliseconds(100)));
        var sending = sender.Send(Sends(tenants, batches: 40, perBatch: 25));
        var victim = silos[0];
        var clock = Stopwatch.StartNew();
        await victim.Process.Kill();

        var dead = WhenDead(database, victim.SiloPort, clock);
        var served = WhenServed(keys, tenants, clock);
        try
        {
            await Task.WhenAll(dead, served, sending).WaitAsync(RecoveryLimit);
        }
        catch (TimeoutException e)
        {
            output.WriteLine(deployment.Outputs());
            throw new TimeoutException(
                $"Not recovered within {RecoveryLimit}: dead {dead.IsCompleted}, served {served.IsCompleted}, " +
                $"sent {sending.IsCompleted}; the sender's failures: {string.Join(" | ", sender.Failures)}", e);
        }
        var (servedAfter, failedReads) = await served;
        output.WriteLine($"Silo on port {victim.SiloPort} killed; declared dead in the membership table after " +
            $"{(await dead).TotalSeconds:F1} s; every catalog read back after {servedAfter.TotalSeconds:F1} s " +
            $"({failedReads} failed reads before).");
        output.WriteLine($"Ingest during the kill: {sender.Streams} streams, {sender.Resent} batches resent, " +
            $"failures: {string.Join(" | ", sender.Failures)}");

        Assert.True(await dead < TimeSpan.FromSeconds(20), $"Declared dead only after {await dead}.");
        Assert.Equal(1000, sender.Sent[Event.KindOneofCase.Send]);
        Assert.Equal(1000, sender.Accepted[Event.KindOneofCase.Send]);
        Assert.Equal(
            [SiloStatus.Active, SiloStatus.Active],
            (await deployment.Membership()).Where(r => r.Port != victim.SiloPort).Select(r => r.Status));
        Assert.False(third.Process.HasExited, deployment.Outputs());
    }

    [Fact]
    public async Task RetryingSender_ApiKilledMidStream_ResendsTheUnacknowledgedBatchesUntilEachIsAccepted()
    {
        var database = await server.CreateDatabase();
        await using var deployment = new ClusterDeployment(database);
        await deployment.StartSilo();
        var api = await deployment.StartApi();
        using var keys = new TenantKeys(api.GrpcUrl);
        await TenantCatalog.Configure(keys.For("acme"), CallLimit);
        var sender = new RetryingSender(keys.For, new RetryPolicy(Pause: TimeSpan.FromMilliseconds(100)));
        var fifth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acks = 0;
        sender.Acknowledged += _ =>
        {
            if (++acks == 5)
            {
                fifth.TrySetResult();
            }
        };

        var sending = sender.Send(Sends(["acme"], batches: 30, perBatch: 10));
        await fifth.Task.WaitAsync(CallLimit);
        await api.Process.Kill();
        await deployment.StartApi(replacing: api);
        await sending.WaitAsync(RecoveryLimit);
        output.WriteLine(
            $"{sender.Streams} streams, {sender.Resent} batches resent; {string.Join(" | ", sender.Failures)}");

        Assert.True(sender.Streams >= 2 && sender.Resent >= 1, $"{sender.Streams} streams, {sender.Resent} resent.");
        Assert.Equal((300, 300), (sender.Sent[Event.KindOneofCase.Send], sender.Accepted[Event.KindOneofCase.Send]));
        Assert.Equal(30, acks);
    }

    /// <summary>How long after the kill the table first says the silo on <paramref name="port"/> is dead.</summary>
    private static async Task<TimeSpan> WhenDead(string database, int port, Stopwatch clock)
    {
        var statuses = await Waits.Until(
            () => MembershipTable.StatusesOf(database, ClusterDeployment.ClusterId, port),
            s => s.Contains(SiloStatus.Dead),
            RecoveryLimit);
        Assert.Equal([SiloStatus.Dead], statuses);
        return clock.Elapsed;
    }

    /// <summary>How long after the kill every tenant's catalog reads back whole, and how many reads failed.</summary>
    private static async Task<(TimeSpan Latency, int FailedReads)> WhenServed(
        TenantKeys keys, IReadOnlyList<string> tenants, Stopwatch clock)
    {
        var failed = 0;
        var left = tenants.ToList();
        while (left.Count > 0)
        {
            try
            {
                var read = await TenantCatalog.Read(keys.For(left[0]), CallLimit / 6);
                Assert.Equal(TenantCatalog.Expected(left[0]), read);
                left.RemoveAt(0);
            }
            catch (RpcException) when (clock.Elapsed < RecoveryLimit)
            {
                failed++;
            }
        }

        return (clock.Elapsed, failed);
    }

    /// <summary>
    /// Batches of first sends of the catalog's sequence, each event with an id of its own, the tenants
    /// taking turns batch by batch.
    /// </summary>
    private static List<TenantBatch> Sends(IReadOnlyList<string> tenants, int batches, int perBatch)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return Enumerable.Range(0, batches).Select(b =>
        {
            var tenant = tenants[b % tenants.Count];
            return new TenantBatch(tenant, TenantCatalog.Sends($"{tenant}-batch-{b}", $"{tenant}-{b}", perBatch, now));
        }).ToList();
    }
}
