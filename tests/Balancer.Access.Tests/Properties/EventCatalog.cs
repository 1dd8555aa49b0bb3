using Balancer.Contracts.Api;
using Grpc.Net.Client;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// What every tenant of the event properties has configured, ids at the limit's length and of other scripts
/// among them, and ids none of them has: a third tenant's, other cases and look-alikes.
/// </summary>
public static class EventCatalog
{
    /// <summary>A queue id of 64 characters, the default limit.</summary>
    public static readonly string LongQueue = "q-" + new string('x', 62);

    public static readonly string[] Queues = ["q1", "q2", LongQueue];

    public static readonly string[] Agents = ["a1", "a2", "agent:ops@example.com"];

    public static readonly (string Id, int Steps)[] Sequences = [("s1", 3), ("s2", 1), ("séquence-ü", 2)];

    /// <summary>Reply windows of seven days, the longest: no conversation of a run comes near its deadline.</summary>
    public const int ReplyWindowSeconds = 7 * 24 * 3600;

    public const string ElsewhereQueue = "elsewhere-q";
    public const string ElsewhereAgent = "elsewhere-a";
    public const string ElsewhereSequence = "elsewhere-s";

    public static readonly string[] UnknownQueues = [ElsewhereQueue, "q9", "Q1", "q\uff11", "q1\u200b"];

    public static readonly string[] UnknownAgents = [ElsewhereAgent, "a9", "A1", "agent:ops@example.co"];

    public static readonly string[] UnknownSequences = [ElsewhereSequence, "s9", "S1", "sequence-u", "s\u0131"];

    public static int StepsOf(string sequence) => Sequences.Single(s => s.Id == sequence).Steps;

    /// <summary>Configures the catalog; the third tenant's ids go to <see cref="ConfigureElsewhere"/>.</summary>
    public static async Task Configure(GrpcChannel tenant)
    {
        var config = new Configuration.ConfigurationClient(tenant);
        foreach (var id in Queues)
        {
            await config.UpsertQueueAsync(
                new QueueConfig { QueueId = id, ReplyWindowSeconds = ReplyWindowSeconds }, deadline: Calls.Deadline());
        }

        (AgentTier Tier, int Slots, int Ceiling)[] agents =
            [(AgentTier.Standard, 5, 100), (AgentTier.Senior, 3, 50), (AgentTier.Contractor, 2, 20)];
        foreach (var (id, (tier, slots, ceiling)) in Agents.Zip(agents))
        {
            await config.UpsertAgentAsync(
                new AgentConfig { AgentId = id, Tier = tier, Slots = slots, DailyCeiling = ceiling },
                deadline: Calls.Deadline());
        }

        Channel[] channels = [Channel.Email, Channel.Sms, Channel.Chat];
        foreach (var ((id, steps), sendsOn) in Sequences.Zip(channels))
        {
            var sequence = new SequenceConfig { SequenceId = id, Channel = sendsOn, QueueId = Queues[0] };
            sequence.Steps.AddRange(
                Enumerable.Range(0, steps).Select(i => new SequenceStep { DelaySeconds = 3600 * i }));
            await config.UpsertSequenceAsync(sequence, deadline: Calls.Deadline());
        }
    }

    public static async Task ConfigureElsewhere(GrpcChannel channel)
    {
        var config = new Configuration.ConfigurationClient(channel);
        await config.UpsertQueueAsync(
            new QueueConfig { QueueId = ElsewhereQueue, ReplyWindowSeconds = 60 }, deadline: Calls.Deadline());
        await config.UpsertAgentAsync(
            new AgentConfig { AgentId = ElsewhereAgent, Tier = AgentTier.Standard, Slots = 1, DailyCeiling = 1 },
            deadline: Calls.Deadline());
        var sequence = new SequenceConfig { SequenceId = ElsewhereSequence, Channel = Channel.Email };
        sequence.Steps.Add(new SequenceStep());
        await config.UpsertSequenceAsync(sequence, deadline: Calls.Deadline());
    }
}

/// <summary>The bound every call of the property tests waits at most.</summary>
public static class Calls
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static DateTime Deadline() => DateTime.UtcNow + Timeout;
}
