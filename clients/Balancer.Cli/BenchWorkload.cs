using Balancer.Contracts.Api;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Cli;

/// <summary>
/// A seeded mix of events shaped like a busy tenant's in a steady state: half sends; replies for
/// humans and for bots; bot outcomes; and agents who answer and resolve conversations as fast as
/// they open, oldest first, so the open set stays bounded as it does for a team that keeps up.
/// Built before timing starts, so only ingest is measured.
/// </summary>
/// <remarks>
/// Of every 100 events: 50 sends, 10 replies for humans, 5 replies for bots, 3 bot resolutions,
/// 2 escalations, 12 first responses, 12 resolutions, 4 conversions, 2 presence changes. A
/// response or resolution with nothing to answer becomes a presence change instead.
/// </remarks>
public static class BenchWorkload
{
    /// <summary>
    /// The tenant of the in-memory rounds; the durable ones take one of their own per run. The batches go to the
    /// tenant of the key they are sent with.
    /// </summary>
    public const string Tenant = "bench";
    public const int Queues = 4;
    public const int Agents = 20;
    public const int Sequences = 10;
    public const int Steps = 3;

    public static List<EventBatch> Build(string round, int events, int batchSize, long nowMs)
    {
        var random = new Random(20261203);
        var batches = new List<EventBatch>(events / batchSize + 1);
        var waiting = new Queue<(string Conversation, string Queue)>();
        var answered = new Queue<(string Conversation, string Queue)>();
        EventBatch? batch = null;
        for (var i = 0; i < events; i++)
        {
            if (i % batchSize == 0)
            {
                batch = new EventBatch { BatchId = $"{round}-{i / batchSize}" };
                batches.Add(batch);
            }

            var e = new Event { EventId = $"{round}-{i}", OccurredAtMs = nowMs };
            var sequence = $"seq-{random.Next(Sequences)}";
            var step = 1 + random.Next(Steps);
            var roll = random.Next(100);
            if (roll < 50)
            {
                e.Send = new Send
                {
                    SequenceId = sequence,
                    Step = step,
                    ContactId = $"c-{random.Next(50_000)}",
                    Channel = Channel.Email,
                };
            }
            else if (roll < 60)
            {
                var queue = $"q-{random.Next(Queues)}";
                var conversation = $"{round}-conv-{i}";
                waiting.Enqueue((conversation, queue));
                e.Reply = new Reply
                {
                    ConversationId = conversation, ContactId = $"c-{random.Next(50_000)}", SequenceId = sequence,
                    Step = step, QueueId = queue,
                };
            }
            else if (roll < 65)
            {
                e.Reply = new Reply
                {
                    ConversationId = $"{round}-bot-{i}", ContactId = $"c-{random.Next(50_000)}", SequenceId = sequence,
                    Step = step, BotHandles = true,
                };
            }
            else if (roll < 68)
            {
                e.BotResolved = new BotResolved
                {
                    ConversationId = $"{round}-bot-{i - 1}",
                    SequenceId = sequence,
                    Step = step,
                };
            }
            else if (roll < 70)
            {
                var queue = $"q-{random.Next(Queues)}";
                var conversation = $"{round}-esc-{i}";
                waiting.Enqueue((conversation, queue));
                e.BotEscalated = new BotEscalated
                {
                    ConversationId = conversation,
                    SequenceId = sequence,
                    Step = step,
                    QueueId = queue,
                };
            }
            else if (roll < 82 && waiting.TryDequeue(out var open))
            {
                answered.Enqueue(open);
                e.AgentResponse = new AgentResponse
                {
                    ConversationId = open.Conversation, QueueId = open.Queue, AgentId = $"agent-{random.Next(Agents)}",
                };
            }
            else if (roll is >= 82 and < 94 && answered.TryDequeue(out var done))
            {
                e.ConversationResolved = new ConversationResolved
                {
                    ConversationId = done.Conversation,
                    QueueId = done.Queue,
                };
            }
            else if (roll is >= 94 and < 98)
            {
                e.Conversion = new Conversion
                {
                    SequenceId = sequence,
                    Step = step,
                    ContactId = $"c-{random.Next(50_000)}",
                };
            }
            else
            {
                e.AgentPresence = new AgentPresence
                {
                    AgentId = $"agent-{random.Next(Agents)}",
                    Presence = random.Next(2) == 0 ? Presence.Online : Presence.Away,
                };
            }

            batch!.Events.Add(e);
        }

        return batches;
    }
}
