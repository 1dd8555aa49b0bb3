using Balancer.Contracts.Api;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Cli;

/// <summary>
/// Builds the demo's batch for each second: sends, replies, bot outcomes and the agents' answers. The tenant
/// only prefixes the event ids; the batches go to the tenant of the key they are sent with.
/// </summary>
public sealed class DemoScript(string tenant)
{
    private const int PremiumRepliesPerSecond = 3;
    private const int PremiumAnswersPerSecond = 2;
    private static readonly string[] Agents = ["ana", "ben", "cy"];

    private readonly Queue<string> _premiumWaiting = new();
    private readonly Queue<string> _toEscalate = new();
    private readonly Queue<string> _standardWaiting = new();
    private readonly Queue<(string Queue, string Conversation)> _toResolve = new();
    private int _tick;
    private int _events;
    private int _contact;
    private int _botConversations;

    public EventBatch Next(DateTimeOffset now)
    {
        _tick++;
        var batch = new EventBatch { BatchId = $"demo-{_tick}" };
        var ms = now.ToUnixTimeMilliseconds();
        for (var i = 0; i < 15; i++)
        {
            batch.Events.Add(Event(ms, e => e.Send = new Send
            {
                SequenceId = "welcome", Step = 1 + (i % 3), ContactId = Contact(), Channel = Channel.Email,
            }));
        }

        for (var i = 0; i < 5; i++)
        {
            batch.Events.Add(Event(ms, e => e.Send = new Send
            {
                SequenceId = "cart", Step = 1 + (i % 2), ContactId = Contact(), Channel = Channel.Sms,
            }));
        }

        Resolve(batch, ms);
        Answer(batch, ms, "premium", _premiumWaiting, PremiumAnswersPerSecond);
        Answer(batch, ms, "standard", _standardWaiting, int.MaxValue);
        for (var i = 0; i < PremiumRepliesPerSecond; i++)
        {
            var conversation = $"p-{_tick}-{i}";
            _premiumWaiting.Enqueue(conversation);
            batch.Events.Add(Event(ms, e => e.Reply = new Reply
            {
                ConversationId = conversation, ContactId = Contact(), SequenceId = "welcome", Step = 1 + (i % 2),
                QueueId = "premium",
            }));
        }

        BotWork(batch, ms);
        return batch;
    }

    private void BotWork(EventBatch batch, long ms)
    {
        // Seven in ten of the cart sequence's bot conversations end up with a human.
        while (_toEscalate.TryDequeue(out var conversation))
        {
            if (_botConversations++ % 10 < 7)
            {
                _standardWaiting.Enqueue(conversation);
                batch.Events.Add(Event(ms, e => e.BotEscalated = new BotEscalated
                {
                    ConversationId = conversation, SequenceId = "cart", Step = 1, QueueId = "standard",
                }));
            }
            else
            {
                batch.Events.Add(Event(ms, e => e.BotResolved = new BotResolved
                {
                    ConversationId = conversation, SequenceId = "cart", Step = 1,
                }));
            }
        }

        for (var i = 0; i < 2; i++)
        {
            var conversation = $"c-{_tick}-{i}";
            _toEscalate.Enqueue(conversation);
            batch.Events.Add(Event(ms, e => e.Reply = new Reply
            {
                ConversationId = conversation, ContactId = Contact(), SequenceId = "cart", Step = 1, BotHandles = true,
            }));
        }
    }

    private void Answer(EventBatch batch, long ms, string queue, Queue<string> waiting, int count)
    {
        for (var i = 0; i < count && waiting.TryDequeue(out var conversation); i++)
        {
            var agent = Agents[(_events + i) % Agents.Length];
            batch.Events.Add(Event(ms, e => e.AgentResponse = new AgentResponse
            {
                ConversationId = conversation, QueueId = queue, AgentId = agent,
            }));
            _toResolve.Enqueue((queue, conversation));
        }
    }

    private void Resolve(EventBatch batch, long ms)
    {
        while (_toResolve.TryDequeue(out var done))
        {
            batch.Events.Add(Event(ms, e => e.ConversationResolved = new ConversationResolved
            {
                ConversationId = done.Conversation, QueueId = done.Queue,
            }));
        }
    }

    private Event Event(long ms, Action<Event> kind)
    {
        var e = new Event { EventId = $"{tenant}-{++_events}", OccurredAtMs = ms };
        kind(e);
        return e;
    }

    private string Contact() => $"contact-{++_contact}";
}
