using Balancer.Contracts.Api;
using Grpc.Net.Client;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Access.Tests;

/// <summary>
/// Configures a tenant through the real configuration API, and builds its events, each with an id unique to the
/// test run. The tenant is the one of the channel's credential.
/// </summary>
public static class TenantSetup
{
    private static long _ids;

    public static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    /// <summary>A queue <c>q1</c> and a sequence <c>s1</c> of three steps: two calls.</summary>
    public static async Task QueueAndSequence(GrpcChannel channel)
    {
        var config = new Configuration.ConfigurationClient(channel);
        await config.UpsertQueueAsync(
            new QueueConfig { QueueId = "q1", ReplyWindowSeconds = 3600 }, deadline: Deadline());
        var sequence = new SequenceConfig { SequenceId = "s1", Channel = Channel.Email };
        sequence.Steps.AddRange(Enumerable.Range(0, 3).Select(i => new SequenceStep { DelaySeconds = 3600 * i }));
        await config.UpsertSequenceAsync(sequence, deadline: Deadline());
    }

    /// <summary>A batch of <paramref name="count"/> first-step sends of <c>s1</c>.</summary>
    public static EventBatch Sends(long ms, int count) =>
        Batch(Enumerable.Range(0, count).Select(i => Send(ms, "s1", 1, $"c{i}")));

    public static Event Send(long ms, string sequence, int step, string contact) =>
        New(ms, e => e.Send = new Send
        {
            SequenceId = sequence, Step = step, ContactId = contact, Channel = Channel.Email,
        });

    public static Event Reply(long ms, string conversation, string sequence, int step, string queue) =>
        New(ms, e => e.Reply = new Reply
        {
            ConversationId = conversation, ContactId = "contact-" + conversation, SequenceId = sequence, Step = step,
            QueueId = queue,
        });

    public static EventBatch Batch(IEnumerable<Event> events)
    {
        var batch = new EventBatch { BatchId = $"batch-{Interlocked.Increment(ref _ids)}" };
        batch.Events.AddRange(events);
        return batch;
    }

    /// <summary>The sends of <c>s1</c> the tenant's figures hold, over the last hour.</summary>
    public static async Task<long> SendsOf(GrpcChannel channel) =>
        (await new Query.QueryClient(channel).GetSequenceAsync(new EntityRequest { Id = "s1" }, deadline: Deadline()))
        .Total.Sends.OneHour;

    private static Event New(long ms, Action<Event> kind)
    {
        var e = new Event { EventId = $"ev-{Interlocked.Increment(ref _ids)}", OccurredAtMs = ms };
        kind(e);
        return e;
    }
}
