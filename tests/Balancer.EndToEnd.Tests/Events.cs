using Balancer.Contracts.Api;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.EndToEnd.Tests;

/// <summary>Builds the events of the public API, each with an id unique to the test run.</summary>
public static class Events
{
    private static long _ids;

    public static Event Send(long ms, string sequence, int step, string contact, Channel channel = Channel.Email) =>
        New(ms, e => e.Send = new Send { SequenceId = sequence, Step = step, ContactId = contact, Channel = channel });

    public static Event Reply(long ms, string conversation, string sequence, int step, string queue) =>
        New(ms, e => e.Reply = new Reply
        {
            ConversationId = conversation, ContactId = "contact-" + conversation, SequenceId = sequence, Step = step,
            QueueId = queue,
        });

    public static Event BotReply(long ms, string conversation, string sequence, int step) =>
        New(ms, e => e.Reply = new Reply
        {
            ConversationId = conversation, ContactId = "contact-" + conversation, SequenceId = sequence, Step = step,
            BotHandles = true,
        });

    public static Event BotResolved(long ms, string conversation, string sequence, int step) =>
        New(ms, e => e.BotResolved = new BotResolved
        {
            ConversationId = conversation,
            SequenceId = sequence,
            Step = step,
        });

    public static Event Escalated(long ms, string conversation, string sequence, int step, string queue) =>
        New(ms, e => e.BotEscalated = new BotEscalated
        {
            ConversationId = conversation, SequenceId = sequence, Step = step, QueueId = queue,
        });

    public static Event Response(long ms, string conversation, string queue, string agent) =>
        New(ms, e => e.AgentResponse = new AgentResponse
        {
            ConversationId = conversation,
            QueueId = queue,
            AgentId = agent,
        });

    public static Event Resolved(long ms, string conversation, string queue) =>
        New(ms, e => e.ConversationResolved = new ConversationResolved
        {
            ConversationId = conversation,
            QueueId = queue,
        });

    public static Event Presence(long ms, string agent, Contracts.Api.Presence presence) =>
        New(ms, e => e.AgentPresence = new AgentPresence { AgentId = agent, Presence = presence });

    public static Event Conversion(long ms, string sequence, int step, string contact) =>
        New(ms, e => e.Conversion = new Conversion { SequenceId = sequence, Step = step, ContactId = contact });

    /// <summary>A batch of the events, for the tenant of the channel it is sent on.</summary>
    public static EventBatch Batch(IEnumerable<Event> events)
    {
        var batch = new EventBatch { BatchId = $"batch-{Interlocked.Increment(ref _ids)}" };
        batch.Events.AddRange(events);
        return batch;
    }

    private static Event New(long ms, Action<Event> kind)
    {
        var e = new Event { EventId = $"ev-{Interlocked.Increment(ref _ids)}", OccurredAtMs = ms };
        kind(e);
        return e;
    }
}
