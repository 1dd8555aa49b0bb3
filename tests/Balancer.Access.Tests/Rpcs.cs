using Balancer.Contracts.Api;
using Grpc.Net.Client;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Access.Tests;

/// <summary>
/// Every rpc of the api, each with the roles that may call it and one call as its tenant's own client would make
/// it: against the tenant's queue <c>q</c>, agent <c>a</c> and sequence <c>s</c> (see <see cref="Rpcs.Configure"/>).
/// </summary>
public sealed record Rpc(string Name, string[] Roles, Func<GrpcChannel, Task> Call)
{
    public override string ToString() => Name;
}

public static class Rpcs
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static long _ids;

    public static readonly IReadOnlyList<Rpc> All =
    [
        new("Ingest.Submit", ["sender"], async c => await new Ingest.IngestClient(c).SubmitAsync(
            Batch(Send("s")), deadline: Deadline())),
        new("Ingest.Stream", ["sender"], async c =>
        {
            using var call = new Ingest.IngestClient(c).Stream(deadline: Deadline());
            await Write(call.RequestStream, Batch(Send("s")));
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }),
        new("Configuration.UpsertQueue", ["admin"], async c => await new Configuration.ConfigurationClient(c)
            .UpsertQueueAsync(new QueueConfig { QueueId = "q", ReplyWindowSeconds = 600 }, deadline: Deadline())),
        new("Configuration.UpsertAgent", ["admin"], async c => await new Configuration.ConfigurationClient(c)
            .UpsertAgentAsync(Agent("a"), deadline: Deadline())),
        new("Configuration.UpsertSequence", ["admin"], async c => await new Configuration.ConfigurationClient(c)
            .UpsertSequenceAsync(Sequence("s", "q"), deadline: Deadline())),
        new("Query.GetTenantOverview", ["viewer"], async c => await new Query.QueryClient(c)
            .GetTenantOverviewAsync(new TenantRequest(), deadline: Deadline())),
        new("Query.GetQueue", ["viewer"], async c => await new Query.QueryClient(c)
            .GetQueueAsync(new EntityRequest { Id = "q" }, deadline: Deadline())),
        new("Query.GetSequence", ["viewer"], async c => await new Query.QueryClient(c)
            .GetSequenceAsync(new EntityRequest { Id = "s" }, deadline: Deadline())),
        new("Query.GetAgent", ["viewer"], async c => await new Query.QueryClient(c)
            .GetAgentAsync(new EntityRequest { Id = "a" }, deadline: Deadline())),
        new("Rebalancing.GetDirectives", ["viewer", "sender"], async c => await new Rebalancing.RebalancingClient(c)
            .GetDirectivesAsync(new TenantRequest(), deadline: Deadline())),
        new("Rebalancing.Admit", ["sender"], async c => await new Rebalancing.RebalancingClient(c)
            .AdmitAsync(new AdmitRequest { SequenceId = "s", Step = 1, Count = 1 }, deadline: Deadline())),
        new("Rebalancing.GetStaffingAdvice", ["viewer"], async c => await new Rebalancing.RebalancingClient(c)
            .GetStaffingAdviceAsync(new StaffingRequest { Hours = 1 }, deadline: Deadline())),
        new("Routing.SetRoutingRules", ["admin"], async c => await new Routing.RoutingClient(c)
            .SetRoutingRulesAsync(Rules("q"), deadline: Deadline())),
        new("Routing.GetRouting", ["viewer"], async c => await new Routing.RoutingClient(c)
            .GetRoutingAsync(new TenantRequest(), deadline: Deadline())),
        new("Assignments.Connect", ["sender"], async c =>
        {
            using var call = new Assignments.AssignmentsClient(c).Connect(deadline: Deadline());
            await Write(call.RequestStream, new AgentMessage { Hello = new Hello { AgentId = "a" } });
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }),
        new("Keys.CreateKey", ["admin"], async c => await new Keys.KeysClient(c).CreateKeyAsync(
            new CreateKeyRequest { Name = "probe", Roles = { Role.Viewer } }, deadline: Deadline())),
        new("Keys.ListKeys", ["admin"], async c => await new Keys.KeysClient(c)
            .ListKeysAsync(new ListKeysRequest(), deadline: Deadline())),
        new("Keys.RevokeKey", ["admin"], async c =>
        {
            var keys = new Keys.KeysClient(c);
            var made = await keys.CreateKeyAsync(
                new CreateKeyRequest { Name = "to revoke", Roles = { Role.Viewer } }, deadline: Deadline());
            await keys.RevokeKeyAsync(new RevokeKeyRequest { KeyId = made.Key.KeyId }, deadline: Deadline());
        }),
    ];

    public static IEnumerable<object[]> Names => All.Select(r => new object[] { r.Name });

    public static Rpc Named(string name) => All.Single(r => r.Name == name);

    /// <summary>Gives the tenant queue <c>q</c>, agent <c>a</c>, sequence <c>s</c> and routing rules.</summary>
    public static async Task Configure(GrpcChannel channel)
    {
        var config = new Configuration.ConfigurationClient(channel);
        await config.UpsertQueueAsync(
            new QueueConfig { QueueId = "q", ReplyWindowSeconds = 600 }, deadline: Deadline());
        await config.UpsertAgentAsync(Agent("a"), deadline: Deadline());
        await config.UpsertSequenceAsync(Sequence("s", "q"), deadline: Deadline());
        await new Routing.RoutingClient(channel).SetRoutingRulesAsync(Rules("q"), deadline: Deadline());
    }

    public static DateTime Deadline() => DateTime.UtcNow + Wait;

    /// <summary>Why the api refuses <paramref name="token"/>: the detail of its UNAUTHENTICATED answer.</summary>
    public static async Task<string> Unauthenticated(string grpcUrl, string token)
    {
        using var channel = TenantKeys.Open(grpcUrl, token);
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(
            () => Named("Query.GetTenantOverview").Call(channel));
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, error.StatusCode);
        return error.Status.Detail;
    }

    /// <summary>
    /// Writes a stream's one message and completes it. A call refused at once may be over before the write: the
    /// write then fails, and the refusal is read from the response stream.
    /// </summary>
    private static async Task Write<T>(Grpc.Core.IClientStreamWriter<T> requests, T message)
    {
        try
        {
            await requests.WriteAsync(message);
            await requests.CompleteAsync();
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or InvalidOperationException)
        {
        }
    }

    public static EventBatch Batch(params Event[] events)
    {
        var batch = new EventBatch { BatchId = $"batch-{Interlocked.Increment(ref _ids)}" };
        batch.Events.AddRange(events);
        return batch;
    }

    public static Event Send(string sequence, string contact = "c") => new()
    {
        EventId = $"send-{Interlocked.Increment(ref _ids)}",
        OccurredAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        Send = new Send { SequenceId = sequence, Step = 1, ContactId = contact, Channel = Channel.Email },
    };

    public static Event Reply(string sequence, string queue, string conversation) => new()
    {
        EventId = $"reply-{Interlocked.Increment(ref _ids)}",
        OccurredAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        Reply = new Reply
        {
            ConversationId = conversation, ContactId = "c-" + conversation, SequenceId = sequence, Step = 1,
            QueueId = queue,
        },
    };

    public static Event Response(string queue, string agent, string conversation) => new()
    {
        EventId = $"response-{Interlocked.Increment(ref _ids)}",
        OccurredAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        AgentResponse = new AgentResponse { ConversationId = conversation, QueueId = queue, AgentId = agent },
    };

    private static AgentConfig Agent(string id) =>
        new() { AgentId = id, Tier = AgentTier.Senior, Slots = 5, DailyCeiling = 100 };

    private static SequenceConfig Sequence(string id, string queue) => new()
    {
        SequenceId = id, Channel = Channel.Email, QueueId = queue, Steps = { new SequenceStep { DelaySeconds = 0 } },
    };

    private static RoutingConfig Rules(string queue) =>
        new() { Control = new RoutingRules { SeniorQueueId = queue, OverflowQueueId = queue } };
}
