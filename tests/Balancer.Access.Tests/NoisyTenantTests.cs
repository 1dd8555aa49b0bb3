using Balancer.Contracts.Api;
using Grpc.Core;

namespace Balancer.Access.Tests;

/// <summary>
/// Two tenants on one host limited to 2,000 events a second each, with buckets of 4,000: one streams far over its
/// limit and is cut off with the wait, while the other, under its own, streams at the same time untouched.
/// </summary>
public sealed class NoisyTenantTests(NoisyTenantTests.Host fixture) : IClassFixture<NoisyTenantTests.Host>
{
    private const int BatchSize = 500;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stream_OneTenantFarOverItsLimit_RefusedWhileTheOtherGetsEveryBatchAcknowledged()
    {
        var (noisy, quiet) = (AccessHost.NewTenant("noisy"), AccessHost.NewTenant("quiet"));
        var (noisyChannel, quietChannel) = (fixture.Access.For(noisy), fixture.Access.For(quiet));
        await TenantSetup.QueueAndSequence(noisyChannel);
        await TenantSetup.QueueAndSequence(quietChannel);
        var ms = fixture.Access.NowMs;

        // The noisy tenant offers 100 batches of 500 at once, 50,000 events: 12 times its bucket.
        var noisyRun = Flood(new Ingest.IngestClient(noisyChannel), ms);

        // The quiet one sends 10 batches of 100, one after the other, a quarter of its bucket.
        var quietRun = Steady(new Ingest.IngestClient(quietChannel), ms);
        var (noisyAcked, refusal) = await noisyRun.WaitAsync(Timeout);
        var quietAcks = await quietRun.WaitAsync(Timeout);

        Assert.Equal(StatusCode.ResourceExhausted, refusal.StatusCode);
        Assert.StartsWith(
            $"Too many events: tenant '{noisy}' may send 2000 events a second to this api host, 4000 at once; " +
            $"this batch of {BatchSize} was not taken; retry after ",
            refusal.Status.Detail);
        Assert.True(long.Parse(refusal.Trailers.GetValue("grpc-retry-pushback-ms")!) >= 1);
        Assert.InRange(noisyAcked, 4000, 50_000 - BatchSize);
        Assert.Equal(Enumerable.Repeat(100, 10), quietAcks.Select(a => a.Accepted));
        Assert.Equal(noisyAcked, await TenantSetup.SendsOf(noisyChannel));
        Assert.Equal(1000, await TenantSetup.SendsOf(quietChannel));
    }

    /// <summary>Writes every batch without waiting; returns the events acknowledged and the refusal.</summary>
    private static async Task<(long Acked, RpcException Refusal)> Flood(Ingest.IngestClient ingest, long ms)
    {
        using var call = ingest.Stream(deadline: DateTime.UtcNow + Timeout);
        var writing = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 100; i++)
                {
                    await call.RequestStream.WriteAsync(TenantSetup.Sends(ms, BatchSize));
                }

                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // The server ended the stream; what it acknowledged is read below.
            }
        });
        long acked = 0;
        try
        {
            while (await call.ResponseStream.MoveNext())
            {
                acked += call.ResponseStream.Current.Ack?.Accepted ?? 0;
            }
        }
        catch (RpcException ex)
        {
            await writing;
            return (acked, ex);
        }

        throw new InvalidOperationException($"The stream took all {acked} events without a refusal.");
    }

    private static async Task<List<BatchAck>> Steady(Ingest.IngestClient ingest, long ms)
    {
        using var call = ingest.Stream(deadline: DateTime.UtcNow + Timeout);
        var acks = new List<BatchAck>();
        for (var i = 0; i < 10; i++)
        {
            await call.RequestStream.WriteAsync(TenantSetup.Sends(ms, 100));
            while (await call.ResponseStream.MoveNext() &&
                call.ResponseStream.Current.KindCase != IngestReply.KindOneofCase.Ack)
            {
            }

            acks.Add(call.ResponseStream.Current.Ack);
        }

        await call.RequestStream.CompleteAsync();
        return acks;
    }

    /// <summary>The host of this test: 2,000 events a second per tenant, buckets of 4,000, batches of 500.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public AccessHost Access { get; private set; } = null!;

        public async Task InitializeAsync() => Access = await AccessHost.Start(new Dictionary<string, string?>
        {
            ["Balancer:Limits:EventsPerSecond"] = "2000",
            ["Balancer:Limits:EventBurst"] = "4000",
            ["Balancer:Api:MaxEventsPerBatch"] = $"{BatchSize}",
        });

        public async Task DisposeAsync() => await Access.DisposeAsync();
    }
}
