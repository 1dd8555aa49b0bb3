using Balancer.Contracts.Api;
using Presence = Balancer.Contracts.Api.Presence;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// What the events a tenant had applied must add up to, counted from the events themselves: the totals of each
/// sequence, queue and agent and of the tenant, and which conversations are open where. The oracle asks it
/// whether a response or a resolution finds its conversation; the end of a property compares its totals with the
/// tenant's figures over 24 hours, which is why every counted event of a run is at most 23 hours old.
/// </summary>
public sealed class EventModel
{
    /// <summary>The oldest a counted event may be and still be inside every reading of the 24-hour window.</summary>
    public static readonly TimeSpan CountedAge = TimeSpan.FromHours(23);

    private readonly Dictionary<(string Queue, string Conversation), Conversation> _open = [];

    /// <summary>The queue a routed tenant's rules send every human reply without a queue to.</summary>
    public string? RoutedTo { get; init; }

    public Dictionary<string, SequenceTotals> Sequences { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, QueueTotals> Queues { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AgentTotals> Agents { get; } = new(StringComparer.Ordinal);

    public long Sends { get; private set; }

    public long HumanReplies { get; private set; }

    public long Met { get; private set; }

    /// <summary>Whether a response or a resolution of <paramref name="queue"/> finds its conversation open.</summary>
    public bool IsOpen(string queue, string conversation) => _open.ContainsKey((queue, conversation));

    public void Apply(Event e, long nowMs)
    {
        if (e.KindCase != Event.KindOneofCase.AgentPresence &&
            nowMs - Math.Min(e.OccurredAtMs, nowMs) > CountedAge.TotalMilliseconds)
        {
            throw new InvalidOperationException($"Event {e.EventId} is too old to be counted exactly.");
        }

        switch (e.KindCase)
        {
            case Event.KindOneofCase.Send:
                Sequence(e.Send.SequenceId).Sends++;
                Sends++;
                break;
            case Event.KindOneofCase.Reply:
                var reply = e.Reply;
                var replied = Sequence(reply.SequenceId);
                replied.Replies++;
                if (!reply.BotHandles)
                {
                    replied.HumanReplies++;
                    HumanReplies++;
                    Open(reply.QueueId.Length > 0 ? reply.QueueId : RoutedTo!, reply.ConversationId, reply.SequenceId);
                }

                break;
            case Event.KindOneofCase.BotResolved:
                Sequence(e.BotResolved.SequenceId).BotResolved++;
                break;
            case Event.KindOneofCase.BotEscalated:
                var escalated = e.BotEscalated;
                var handed = Sequence(escalated.SequenceId);
                handed.Escalated++;
                handed.HumanReplies++;
                HumanReplies++;
                Open(escalated.QueueId, escalated.ConversationId, escalated.SequenceId);
                break;
            case Event.KindOneofCase.AgentResponse:
                Respond(e.AgentResponse);
                break;
            case Event.KindOneofCase.ConversationResolved:
                Resolve(e.ConversationResolved);
                break;
            case Event.KindOneofCase.AgentPresence:
                Agent(e.AgentPresence.AgentId).Presence = e.AgentPresence.Presence;
                break;
            case Event.KindOneofCase.Conversion:
                Sequence(e.Conversion.SequenceId).Conversions++;
                break;
        }
    }

    private void Open(string queueId, string conversationId, string sequenceId)
    {
        if (_open.ContainsKey((queueId, conversationId)))
        {
            return;
        }

        _open[(queueId, conversationId)] = new Conversation(sequenceId);
        var queue = Queue(queueId);
        queue.Opened++;
        queue.Waiting++;
        queue.Open++;
    }

    private void Respond(AgentResponse response)
    {
        var conversation = _open[(response.QueueId, response.ConversationId)];
        if (conversation.Agent is not null)
        {
            return;
        }

        conversation.Agent = response.AgentId;
        var queue = Queue(response.QueueId);
        queue.Waiting--;
        queue.FirstResponses++;
        queue.Met++;
        Met++;
        var agent = Agent(response.AgentId);
        agent.FirstResponses++;
        agent.Held++;
    }

    private void Resolve(ConversationResolved resolved)
    {
        var key = (resolved.QueueId, resolved.ConversationId);
        var conversation = _open[key];
        _open.Remove(key);
        var queue = Queue(resolved.QueueId);
        queue.Open--;
        Sequence(conversation.SequenceId).Resolved++;
        if (conversation.Agent is { } agentId)
        {
            var agent = Agent(agentId);
            agent.Closures++;
            agent.Held--;
        }
        else
        {
            queue.Waiting--;
        }
    }

    private SequenceTotals Sequence(string id) => Get(Sequences, id);

    private QueueTotals Queue(string id) => Get(Queues, id);

    private AgentTotals Agent(string id) => Get(Agents, id);

    private static T Get<T>(Dictionary<string, T> totals, string id)
        where T : new()
    {
        if (!totals.TryGetValue(id, out var found))
        {
            found = new T();
            totals[id] = found;
        }

        return found;
    }

    private sealed class Conversation(string sequenceId)
    {
        public string SequenceId { get; } = sequenceId;

        public string? Agent { get; set; }
    }
}

public sealed record SequenceTotals
{
    public long Sends { get; set; }

    public long Replies { get; set; }

    public long HumanReplies { get; set; }

    public long BotResolved { get; set; }

    public long Escalated { get; set; }

    public long Conversions { get; set; }

    /// <summary>Conversations resolved by humans, which their queues report to the sequence a moment later.</summary>
    public long Resolved { get; set; }
}

public sealed record QueueTotals
{
    public long Opened { get; set; }

    public long Waiting { get; set; }

    public long Open { get; set; }

    public long FirstResponses { get; set; }

    public long Met { get; set; }
}

public sealed record AgentTotals
{
    public Presence Presence { get; set; }

    public long Held { get; set; }

    public long FirstResponses { get; set; }

    public long Closures { get; set; }
}
