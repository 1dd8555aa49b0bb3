using Balancer.Contracts.Api;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Cli;

/// <summary>
/// A seeded mix of events shaped like a busy tenant's: mostly sends, then replies for humans and
/// for bots, bot outcomes, agents' responses and resolutions of the conversations opened before,
/// conversions and presence changes. Built before timing starts, so only ingest is measured.
/// </summary>
public static class BenchWorkload
{
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
                batch = new EventBatch { TenantId = Tenant, BatchId = $"{round}-{i / batchSize}" };
                batches.Add(batch);
            }

            var e = new Event { EventId = $"{round}-{i}", OccurredAtMs = nowMs };
            var sequence = $"seq-{random.Next(Sequences)}";
            var step = 1 + random.Next(Steps);
            var roll = random.Next(100);
            if (roll < 55)
            {
                e.Send = new Send { SequenceId = sequence, Step = step, ContactId = $"c-{random.Next(50_000)}", Channel = Channel.Email };
            }
            else if (roll < 70)
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
            else if (roll < 75)
            {
                e.Reply = new Reply
                {
                    ConversationId = $"{round}-bot-{i}", ContactId = $"c-{random.Next(50_000)}", SequenceId = sequence,
                    Step = step, BotHandles = true,
                };
            }
            else if (roll < 78)
            {
                e.BotResolved = new BotResolved { ConversationId = $"{round}-bot-{i - 1}", SequenceId = sequence, Step = step };
            }
            else if (roll < 80)
            {
                var queue = $"q-{random.Next(Queues)}";
                var conversation = $"{round}-esc-{i}";
                waiting.Enqueue((conversation, queue));
                e.BotEscalated = new BotEscalated { ConversationId = conversation, SequenceId = sequence, Step = step, QueueId = queue };
            }
            else if (roll < 90 && waiting.TryDequeue(out var open))
            {
                answered.Enqueue(open);
                e.AgentResponse = new AgentResponse
                {
                    ConversationId = open.Conversation, QueueId = open.Queue, AgentId = $"agent-{random.Next(Agents)}",
                };
            }
            else if (roll < 96 && answered.TryDequeue(out var done))
            {
                e.ConversationResolved = new ConversationResolved { ConversationId = done.Conversation, QueueId = done.Queue };
            }
            else if (roll < 98)
            {
                e.Conversion = new Conversion { SequenceId = sequence, Step = step, ContactId = $"c-{random.Next(50_000)}" };
            }
            else
            {
                e.AgentPresence = new AgentPresence
                {
                    AgentId = $"agent-{random.Next(Agents)}", Presence = random.Next(2) == 0 ? Presence.Online : Presence.Away,
                };
            }

            batch!.Events.Add(e);
        }

        return batches;
    }
}
