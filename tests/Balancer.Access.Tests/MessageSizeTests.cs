using Balancer.Contracts.Api;
using Balancer.Contracts.Live;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace Balancer.Access.Tests;

/// <summary>
/// A message over <c>Balancer:Limits:MaxMessageBytes</c> (64 KiB here) fails its call with RESOURCE_EXHAUSTED and
/// applies nothing, and the host goes on serving; one over <c>MaxHubMessageBytes</c> closes its hub connection.
/// </summary>
[Collection(LimitsCollection.Name)]
public sealed class MessageSizeTests(LimitsFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Submit_MessageOverTheLimit_FailsResourceExhaustedAndTheNextBatchIsTaken()
    {
        var tenant = AccessHost.NewTenant("big-submit");
        var channel = fixture.Host.For(tenant);
        await TenantSetup.QueueAndSequence(channel);
        var ingest = new Ingest.IngestClient(channel);
        var big = Big(fixture.Host.NowMs);

        var ex = await Assert.ThrowsAsync<RpcException>(
            () => ingest.SubmitAsync(big, deadline: TenantSetup.Deadline()).ResponseAsync);
        var next = await ingest.SubmitAsync(
            TenantSetup.Sends(fixture.Host.NowMs, 10), deadline: TenantSetup.Deadline());

        Assert.True(big.CalculateSize() > LimitsFixture.MaxMessageBytes);
        Assert.Equal(
            (StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."),
            (ex.StatusCode, ex.Status.Detail));
        Assert.Equal(10, next.Accepted);
        Assert.Equal(10, await TenantSetup.SendsOf(channel));
        Assert.Equal(0, await OpenedOf(channel));
        Assert.Equal(10L, await fixture.Journal.EventsOf(tenant));
    }

    [Fact]
    public async Task Stream_MessageOverTheLimit_EndsTheStreamResourceExhaustedAfterTheEarlierAck()
    {
        var tenant = AccessHost.NewTenant("big-stream");
        var channel = fixture.Host.For(tenant);
        await TenantSetup.QueueAndSequence(channel);
        using var call = new Ingest.IngestClient(channel).Stream(deadline: TenantSetup.Deadline());
        using var timeout = new CancellationTokenSource(Timeout);

        await call.RequestStream.WriteAsync(TenantSetup.Sends(fixture.Host.NowMs, 10));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        var first = call.ResponseStream.Current.Ack;
        await call.RequestStream.WriteAsync(Big(fixture.Host.NowMs));
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
                Assert.Equal(IngestReply.KindOneofCase.Directive, call.ResponseStream.Current.KindCase);
            }
        });

        Assert.Equal(10, first.Accepted);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(10, await TenantSetup.SendsOf(channel));
        Assert.Equal(0, await OpenedOf(channel));
    }

    [Fact]
    public async Task Hub_MessageOverTheLimit_ClosesThatConnectionOnly()
    {
        var tenant = AccessHost.NewTenant("big-hub");
        var key = await fixture.Host.Keys.KeyOf(tenant);
        await using var big = Hub(key);
        await using var small = Hub(key);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        big.Closed += e => Task.FromResult(closed.TrySetResult(e));
        await big.StartAsync().WaitAsync(Timeout);
        await small.StartAsync().WaitAsync(Timeout);

        await big.SendAsync(LiveHubContract.Join, new string('x', LimitsFixture.MaxHubMessageBytes)).WaitAsync(Timeout);
        await closed.Task.WaitAsync(Timeout);
        var joined = await small.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(Timeout);

        Assert.Equal(HubConnectionState.Disconnected, big.State);
        Assert.Equal(tenant, joined.TenantId);
    }

    /// <summary>Twenty replies whose transcripts of 4,000 characters, the most allowed, make 80 KB.</summary>
    private static EventBatch Big(long ms)
    {
        var batch = TenantSetup.Batch(
            Enumerable.Range(0, 20).Select(i => TenantSetup.Reply(ms, $"r{i}", "s1", 1, "q1")));
        foreach (var e in batch.Events)
        {
            e.Reply.BotTranscript = new string('t', 4000);
        }

        return batch;
    }

    private static async Task<long> OpenedOf(GrpcChannel channel) =>
        (await new Query.QueryClient(channel).GetQueueAsync(
            new EntityRequest { Id = "q1" }, deadline: TenantSetup.Deadline())).Opened.OneHour;

    private HubConnection Hub(string key) => new HubConnectionBuilder()
        .WithUrl(
            fixture.Host.WebUrl + LiveHubContract.Path,
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
        .Build();
}
