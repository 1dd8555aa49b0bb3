using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

/// <summary>Short spellings of the events the api sends the grains.</summary>
public static class Events
{
    public static QueueEvent Open(
        int index, string conversationId, DateTimeOffset at, string sequenceId = "", int step = 0,
        bool escalated = false) =>
        new(QueueEventKind.Open, index, conversationId, at, sequenceId, step, escalated, "");

    public static QueueEvent Respond(int index, string conversationId, DateTimeOffset at, string agentId) =>
        new(QueueEventKind.Respond, index, conversationId, at, "", 0, false, agentId);

    public static QueueEvent Resolve(int index, string conversationId, DateTimeOffset at) =>
        new(QueueEventKind.Resolve, index, conversationId, at, "", 0, false, "");

    public static QueueSlice Slice(params QueueEvent[] events) => new(events);

    public static SequenceEvent Send(int step, string contactId, Channel channel, DateTimeOffset at) =>
        new(SequenceEventKind.Send, step, at, contactId, channel, false);

    public static SequenceEvent Reply(int step, bool needsHuman, DateTimeOffset at) =>
        new(SequenceEventKind.Reply, step, at, "", Channel.Email, needsHuman);

    public static SequenceEvent Of(SequenceEventKind kind, int step, DateTimeOffset at) =>
        new(kind, step, at, "", Channel.Email, false);

    public static QueueSettings Queue(int replyWindowSeconds, string name = "Support", bool live = false) =>
        new(TimeSpan.FromSeconds(replyWindowSeconds), name, live);

    public static SequenceSettings Sequence(
        int steps, string name = "Welcome", Channel channel = Channel.Email, bool urgent = false) =>
        new(channel, "signup", urgent,
            [
                .. Enumerable.Range(1, steps)
                    .Select(i => new SequenceStepSettings(TimeSpan.FromHours(i - 1), $"Step {i}")),
            ],
            name);
}
