using System.Collections.Concurrent;
using Balancer.Contracts.Api;
using Balancer.Contracts.Live;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR.Client;

namespace Balancer.Access.Tests;

/// <summary>
/// Tenant A naming what only tenant B has gets the answer a missing id gets, on every rpc that names one, and
/// what the tenants share by name stays apart: B's figures never move for A's events, and no push crosses.
/// </summary>
public sealed class CrossTenantTests(IsolationFixture fixture) : IClassFixture<IsolationFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private AccessHost Host => fixture.Host;

    [Theory]
    [InlineData("queue", "b-queue")]
    [InlineData("sequence", "b-sequence")]
    [InlineData("agent", "b-agent")]
    public async Task Query_AnotherTenantsEntity_NotFoundLikeAMissingOne(string kind, string theirs)
    {
        var query = new Query.QueryClient(Host.For(fixture.A));
        Func<string, Task> get = kind switch
        {
            "queue" => async id => await query.GetQueueAsync(new EntityRequest { Id = id }, deadline: Rpcs.Deadline()),
            "sequence" => async id =>
                await query.GetSequenceAsync(new EntityRequest { Id = id }, deadline: Rpcs.Deadline()),
            _ => async id => await query.GetAgentAsync(new EntityRequest { Id = id }, deadline: Rpcs.Deadline()),
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => get(theirs));
        var missing = await Assert.ThrowsAsync<RpcException>(() => get("never-made"));

        Assert.Equal(
            (StatusCode.NotFound, $"id: no {kind} '{theirs}' is configured for this tenant."),
            (error.StatusCode, error.Status.Detail));
        Assert.Equal(Like(missing, "never-made", theirs), (error.StatusCode, error.Status.Detail));
        await new Query.QueryClient(Host.For(fixture.B)).GetQueueAsync(
            new EntityRequest { Id = "b-queue" }, deadline: Rpcs.Deadline());
    }

    [Fact]
    public async Task Admit_AnotherTenantsSequence_NotFoundLikeAMissingOne()
    {
        var rebalancing = new Rebalancing.RebalancingClient(Host.For(fixture.A));
        async Task Admit(string id) => await rebalancing.AdmitAsync(
            new AdmitRequest { SequenceId = id, Step = 1, Count = 1 }, deadline: Rpcs.Deadline());

        var error = await Assert.ThrowsAsync<RpcException>(() => Admit("b-sequence"));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Admit("never-made"));

        Assert.Equal(
            (StatusCode.NotFound, "sequence_id: no sequence 'b-sequence' is configured for this tenant."),
            (error.StatusCode, error.Status.Detail));
        Assert.Equal(Like(missing, "never-made", "b-sequence"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task Connect_AnotherTenantsAgent_NotFoundLikeAMissingOne()
    {
        async Task Hello(string agent)
        {
            using var call = new Assignments.AssignmentsClient(Host.For(fixture.A)).Connect(deadline: Rpcs.Deadline());
            await call.RequestStream.WriteAsync(new AgentMessage { Hello = new Hello { AgentId = agent } });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Hello("b-agent"));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Hello("never-made"));

        Assert.Equal(
            (StatusCode.NotFound, "hello.agent_id: no agent 'b-agent' is configured for this tenant."),
            (error.StatusCode, error.Status.Detail));
        Assert.Equal(Like(missing, "never-made", "b-agent"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task Configuration_AnotherTenantsQueue_RefusedLikeAMissingOne()
    {
        var config = new Configuration.ConfigurationClient(Host.For(fixture.A));
        var routing = new Routing.RoutingClient(Host.For(fixture.A));
        async Task Sequence(string queue) => await config.UpsertSequenceAsync(
            new SequenceConfig
            {
                SequenceId = "s2", Channel = Contracts.Api.Channel.Email, QueueId = queue,
                Steps = { new SequenceStep() },
            },
            deadline: Rpcs.Deadline());
        async Task Rules(string queue) => await routing.SetRoutingRulesAsync(
            new RoutingConfig { Control = new RoutingRules { SeniorQueueId = queue, OverflowQueueId = "q" } },
            deadline: Rpcs.Deadline());

        var sequence = await Assert.ThrowsAsync<RpcException>(() => Sequence("b-queue"));
        var rules = await Assert.ThrowsAsync<RpcException>(() => Rules("b-queue"));

        Assert.Equal((StatusCode.InvalidArgument, "queue_id names no configured queue: 'b-queue'."),
            (sequence.StatusCode, sequence.Status.Detail));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Sequence("never-made"));
        Assert.Equal(Like(missing, "never-made", "b-queue"), (sequence.StatusCode, sequence.Status.Detail));
        Assert.Equal(
            (StatusCode.InvalidArgument, "control.senior_queue_id no queue 'b-queue' is configured for this tenant."),
            (rules.StatusCode, rules.Status.Detail));
        Assert.Equal(Like(await Assert.ThrowsAsync<RpcException>(() => Rules("never-made")), "never-made", "b-queue"),
            (rules.StatusCode, rules.Status.Detail));
    }

    [Fact]
    public async Task Ingest_AnotherTenantsIds_RejectedLikeMissingOnesAndTheirFiguresUnmoved()
    {
        var before = await Figures(fixture.B);
        var batch = Rpcs.Batch(
            Rpcs.Send("b-sequence"),
            Rpcs.Reply("s", "b-queue", "x1"),
            Rpcs.Response("q", "b-agent", "x2"),
            Rpcs.Send("never-made"));

        var ack = await new Ingest.IngestClient(Host.For(fixture.A)).SubmitAsync(batch, deadline: Rpcs.Deadline());

        Assert.Equal(0, ack.Accepted);
        Assert.Equal(
            [
                (0, "send.sequence_id", "no sequence 'b-sequence' is configured for this tenant"),
                (1, "reply.queue_id", "no queue 'b-queue' is configured for this tenant"),
                (2, "agent_response.agent_id", "no agent 'b-agent' is configured for this tenant"),
                (3, "send.sequence_id", "no sequence 'never-made' is configured for this tenant"),
            ],
            ack.Rejected.Select(r => (r.Index, r.Field, r.Reason)));
        Assert.Equal(before, await Figures(fixture.B));
    }

    [Fact]
    public async Task Ingest_SameIdsInBothTenants_CountOnlyForTheSender()
    {
        var tenantA = AccessHost.NewTenant("twin");
        var tenantB = AccessHost.NewTenant("twin");
        await Rpcs.Configure(Host.For(tenantA));
        await Rpcs.Configure(Host.For(tenantB));

        var ack = await new Ingest.IngestClient(Host.For(tenantA)).SubmitAsync(
            Rpcs.Batch(Rpcs.Send("s", "c1"), Rpcs.Send("s", "c2"), Rpcs.Send("s", "c3"), Rpcs.Reply("s", "q", "r1")),
            deadline: Rpcs.Deadline());

        Assert.Equal(4, ack.Accepted);
        var (a, b) = (await Figures(tenantA), await Figures(tenantB));
        Assert.Equal((3L, 1L, 1), (a.Sequence.Total.Sends.OneHour, a.Sequence.Total.Replies.OneHour, a.Queue.Depth));
        Assert.Equal((0L, 0L, 0), (b.Sequence.Total.Sends.OneHour, b.Sequence.Total.Replies.OneHour, b.Queue.Depth));
        Assert.Equal(tenantA, a.Overview.TenantId);
        Assert.Equal(tenantB, b.Overview.TenantId);
    }

    [Fact]
    public async Task Hub_NoCredentialOrNoViewerRole_Refused()
    {
        var anonymous = await Assert.ThrowsAsync<HttpRequestException>(() => Hub(null).StartAsync());
        var sender = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await Hub(await Host.Keys.Issue(fixture.A, Role.Sender, Role.Admin)).StartAsync());
        var revokedKey = await Host.Keys.Issue(fixture.A, Role.Viewer);
        await new Keys.KeysClient(Host.For(fixture.A)).RevokeKeyAsync(
            new RevokeKeyRequest { KeyId = revokedKey.Substring(4, 24) }, deadline: Rpcs.Deadline());
        var revoked = await Assert.ThrowsAsync<HttpRequestException>(() => Hub(revokedKey).StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, sender.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task Hub_KeyRevokedWhileConnected_ToldWhyAndClosedByTheServer()
    {
        var key = await Host.Keys.Issue(fixture.A, Role.Viewer);
        var keyId = key.Substring(4, 24);
        await using var hub = Hub(key);
        var ending = new HubEnding(hub);
        await hub.StartAsync().WaitAsync(Wait);
        Assert.Equal(fixture.A, (await hub.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(Wait)).TenantId);

        await new Keys.KeysClient(Host.For(fixture.A)).RevokeKeyAsync(
            new RevokeKeyRequest { KeyId = keyId }, deadline: Rpcs.Deadline());

        Assert.Equal($"the API key {keyId} was revoked", await ending.Reason.WaitAsync(Wait));
        await ending.Closed.WaitAsync(Wait);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        var again = await Assert.ThrowsAsync<HttpRequestException>(() => Hub(key).StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task Hub_OtherKeysOfTheTenantRevoked_ConnectionStaysOpen()
    {
        var kept = await Host.Keys.Issue(fixture.A, Role.Viewer);
        var revoked = await Host.Keys.Issue(fixture.A, Role.Viewer);
        var ended = new ConcurrentQueue<string>();
        await using var hub = Hub(kept);
        hub.On<string>(LiveHubContract.Ended, ended.Enqueue);
        await hub.StartAsync().WaitAsync(Wait);

        await new Keys.KeysClient(Host.For(fixture.A)).RevokeKeyAsync(
            new RevokeKeyRequest { KeyId = revoked.Substring(4, 24) }, deadline: Rpcs.Deadline());
        // Three of the watch's checks, and a Join after them: the kept key's connection is still served.
        await Task.Delay(3 * new Balancer.Api.Access.AuthOptions().HubCheckInterval);

        Assert.Equal(fixture.A, (await hub.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(Wait)).TenantId);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        Assert.Empty(ended);
    }

    [Fact]
    public async Task Hub_EachViewerJoinsItsOwnTenant_NoPushCrosses()
    {
        var (a, b) = (new ConcurrentQueue<LiveSnapshot>(), new ConcurrentQueue<LiveSnapshot>());
        await using var hubA = Hub(await Host.Keys.Issue(fixture.A, Role.Viewer));
        await using var hubB = Hub(await Host.Keys.Issue(fixture.B, Role.Viewer));
        hubA.On<LiveSnapshot>(LiveHubContract.Snapshot, a.Enqueue);
        hubB.On<LiveSnapshot>(LiveHubContract.Snapshot, b.Enqueue);
        await hubA.StartAsync().WaitAsync(Wait);
        await hubB.StartAsync().WaitAsync(Wait);
        var joinedA = await hubA.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(Wait);
        var joinedB = await hubB.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(Wait);
        Assert.Equal(fixture.A, joinedA.TenantId);
        Assert.Equal(["q"], joinedA.Queues.Select(q => q.QueueId));
        Assert.Equal(fixture.B, joinedB.TenantId);
        Assert.Equal(["b-queue", "q"], joinedB.Queues.Select(q => q.QueueId));

        // Both tenants' queue q changes; each view hears of its own, and only of its own.
        var conversation = $"hub-{Guid.NewGuid():N}";
        await new Ingest.IngestClient(Host.For(fixture.B)).SubmitAsync(
            Rpcs.Batch(Rpcs.Reply("s", "q", conversation), Rpcs.Reply("s", "q", conversation + "-2")),
            deadline: Rpcs.Deadline());
        await new Ingest.IngestClient(Host.For(fixture.A)).SubmitAsync(
            Rpcs.Batch(Rpcs.Reply("s", "q", conversation)), deadline: Rpcs.Deadline());
        var deadline = DateTime.UtcNow + Wait;
        while (!(Saw(a, fixture.A) && Saw(b, fixture.B)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(Saw(a, fixture.A) && Saw(b, fixture.B), "both views to hear of their own queue");
        Assert.All(a, s => Assert.Equal(fixture.A, s.TenantId));
        Assert.All(b, s => Assert.Equal(fixture.B, s.TenantId));
        Assert.DoesNotContain(a, s => s.Queues.Any(q => q.TenantId != fixture.A));
        Assert.DoesNotContain(b, s => s.Queues.Any(q => q.TenantId != fixture.B));

        static bool Saw(ConcurrentQueue<LiveSnapshot> seen, string tenant) =>
            seen.Any(s => s.TenantId == tenant && s.Queues.Any(q => q.QueueId == "q" && q.Depth > 0));
    }

    private HubConnection Hub(string? key) => new HubConnectionBuilder()
        .WithUrl(Host.WebUrl + LiveHubContract.Path, o =>
        {
            if (key is not null)
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(key);
            }
        })
        .Build();

    private async Task<(TenantOverview Overview, SequenceView Sequence, QueueView Queue)> Figures(string tenant)
    {
        var query = new Query.QueryClient(Host.For(tenant));
        var overview = await query.GetTenantOverviewAsync(new TenantRequest(), deadline: Rpcs.Deadline());
        var sequence = await query.GetSequenceAsync(new EntityRequest { Id = "s" }, deadline: Rpcs.Deadline());
        var queue = await query.GetQueueAsync(new EntityRequest { Id = "q" }, deadline: Rpcs.Deadline());
        return (overview, sequence, queue);
    }

    /// <summary>
    /// The answer to a missing id, with that id replaced by another: what naming the other must give.
    /// </summary>
    private static (StatusCode, string) Like(RpcException missing, string missingId, string id) =>
        (missing.StatusCode, missing.Status.Detail.Replace(missingId, id, StringComparison.Ordinal));
}
