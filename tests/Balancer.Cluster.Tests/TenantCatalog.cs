using Balancer.Contracts.Api;
using Grpc.Net.Client;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Cluster.Tests;

/// <summary>
/// One tenant's configuration, written through the Configuration service and read back through the Query
/// service: a queue, an agent and a two-step sequence, each with a display name of its own. The tenant is
/// the one the channel calls as.
/// </summary>
public static class TenantCatalog
{
    /// <summary>The queue the catalog configures, which the sequence's replies land in.</summary>
    public const string Queue = "chat";

    /// <summary>The sequence the catalog configures.</summary>
    public const string Sequence = "welcome";

    private const string Agent = "ana";

    public static async Task Configure(GrpcChannel channel, TimeSpan timeout)
    {
        var config = new Configuration.ConfigurationClient(channel);
        var deadline = DateTime.UtcNow + timeout;
        await config.UpsertQueueAsync(
            new QueueConfig { QueueId = Queue, ReplyWindowSeconds = 120, DisplayName = "Chat desk" },
            deadline: deadline);
        await config.UpsertAgentAsync(
            new AgentConfig
            {
                AgentId = Agent, Tier = AgentTier.Senior, Slots = 3, DailyCeiling = 80,
                DisplayName = "Ana",
            },
            deadline: deadline);
        var sequence = new SequenceConfig
        {
            SequenceId = Sequence, Channel = Channel.Email, DisplayName = "Welcome", QueueId = Queue,
        };
        sequence.Steps.Add(new SequenceStep { DelaySeconds = 0, Name = "hello" });
        sequence.Steps.Add(new SequenceStep { DelaySeconds = 86_400, Name = "nudge" });
        await config.UpsertSequenceAsync(sequence, deadline: deadline);
    }

    /// <summary>What <see cref="Read"/> gives for a tenant that <see cref="Configure"/> set up.</summary>
    public static string Expected(string tenant) =>
        $"{tenant}: queues [chat], agents [ana], sequences [welcome]; " +
        "queue chat 'Chat desk' 120 s; agent ana 'Ana' Senior 3 slots 80 a day; " +
        "sequence welcome 'Welcome' Email 2 steps";

    /// <summary>
    /// The catalog of the tenant the channel calls as, named as the api names it, and its entities'
    /// configuration, read through the Query service.
    /// </summary>
    public static async Task<string> Read(GrpcChannel channel, TimeSpan timeout)
    {
        var query = new Query.QueryClient(channel);
        var deadline = DateTime.UtcNow + timeout;
        var overview = await query.GetTenantOverviewAsync(new TenantRequest(), deadline: deadline);
        var queue = await query.GetQueueAsync(new EntityRequest { Id = Queue }, deadline: deadline);
        var agent = await query.GetAgentAsync(new EntityRequest { Id = Agent }, deadline: deadline);
        var sequence = await query.GetSequenceAsync(new EntityRequest { Id = Sequence }, deadline: deadline);
        return $"{overview.TenantId}: queues [{string.Join(", ", overview.QueueIds)}], " +
            $"agents [{string.Join(", ", overview.AgentIds)}], " +
            $"sequences [{string.Join(", ", overview.SequenceIds)}]; " +
            $"queue {queue.QueueId} '{queue.DisplayName}' {queue.ReplyWindowSeconds} s; " +
            $"agent {agent.AgentId} '{agent.DisplayName}' {agent.Tier} {agent.Slots} slots " +
            $"{agent.DailyCeiling} a day; " +
            $"sequence {sequence.SequenceId} '{sequence.DisplayName}' {sequence.Channel} {sequence.StepCount} steps";
    }

    /// <summary>
    /// A batch of <paramref name="count"/> first sends of the catalog's sequence at <paramref name="ms"/>, the
    /// events' ids and contacts made from <paramref name="prefix"/>, which must be unique to the batch.
    /// </summary>
    public static EventBatch Sends(string batchId, string prefix, int count, long ms)
    {
        var batch = new EventBatch { BatchId = batchId };
        batch.Events.AddRange(Enumerable.Range(0, count).Select(i => new Event
        {
            EventId = $"{prefix}-send-{i}",
            OccurredAtMs = ms,
            Send = new Send
            {
                SequenceId = Sequence, Step = 1, ContactId = $"contact-{prefix}-{i}", Channel = Channel.Email,
            },
        }));
        return batch;
    }
}
