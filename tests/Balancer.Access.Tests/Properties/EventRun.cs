using Balancer.Api.Hosting;
using Balancer.Contracts.Api;
using Grpc.Core;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Access.Tests.Properties;

public enum Outcome
{
    Accepted,
    Duplicate,
    Rejected,
}

/// <summary>What Balancer must answer for one event of a batch; a null reason is only checked to be there.</summary>
public readonly record struct Expected(Outcome Outcome, string? Field = null, string? Reason = null);

/// <summary>An event as built for a batch, with the breakage it carries, its own or the event's it repeats.</summary>
public sealed record Built(CaseEvent Planned, Event Event, Breakage? Broken);

/// <summary>A batch ready to send: whole to the hostile tenant, what must be applied to the clean one.</summary>
public sealed record Prepared(EventBatch Hostile, EventBatch Clean, IReadOnlyList<Expected> Expected);

/// <summary>
/// Runs the generated batches of one case against <see cref="TwinTenants"/>. For each batch it builds the events,
/// works out what Balancer must answer for each by the rules the schema documents, and prepares the batch whole
/// for the hostile tenant and what must be applied for the clean one; then checks both acknowledgements and, at
/// the end of the case, that the figures agree.
/// </summary>
/// <remarks>
/// The rules, in the order the api applies them: a broken field is refused, named by its path; an id already
/// taken by an earlier valid event of the batch is refused as <c>event_id</c>; a valid event with an id the tenant
/// accepted in an earlier batch is a duplicate, whatever else it carries; a response or a resolution whose
/// conversation is not open in its queue is refused by the queue; everything else is accepted and applied once.
/// A refused event was not accepted: sent again, it is judged afresh.
/// </remarks>
public sealed class EventRun(TwinTenants twins, ApiOptions limits)
{
    private readonly Dictionary<(int Batch, int Slot), Built> _sent = [];
    private readonly HashSet<EntityRef> _touched = [];
    private readonly CaseScope _scope = new(twins.NextTag(), twins.Host.NowMs);

    public TwinTenants Twins => twins;

    /// <summary>The entities the case's batches name, whose views it may have changed.</summary>
    public IReadOnlyCollection<EntityRef> Touched => _touched;

    /// <summary>Sends one batch by <c>Submit</c> to both tenants and checks the answers and the figures.</summary>
    public async Task Check(EventCase c)
    {
        var prepared = Prepare(c, 0);
        await SubmitBoth(prepared);
        await twins.ExpectSameFigures(Touched);
    }

    /// <summary>Submits a prepared batch to both tenants at once and checks both acknowledgements.</summary>
    public async Task SubmitBoth(Prepared prepared)
    {
        var hostile = twins.Hostile.Ingest.SubmitAsync(prepared.Hostile, deadline: Calls.Deadline()).ResponseAsync;
        var clean = twins.Clean.Ingest.SubmitAsync(prepared.Clean, deadline: Calls.Deadline()).ResponseAsync;
        await Task.WhenAll(hostile, clean);
        ExpectAck(prepared, await hostile);
        ExpectClean(prepared, await clean);
    }

    /// <summary>
    /// Builds batch <paramref name="batch"/> of the case and judges it; what it must apply is recorded as applied.
    /// Batches are prepared in the order they are sent.
    /// </summary>
    public Prepared Prepare(EventCase c, int batch)
    {
        var built = Build(c, batch);
        var hostile = new EventBatch { BatchId = c.BatchId };
        hostile.Events.AddRange(built.Select(b => b.Event));
        var (expected, applied) = Judge(built);
        var clean = new EventBatch { BatchId = c.BatchId };
        clean.Events.AddRange(applied);
        _touched.UnionWith(c.Events.SelectMany(e => e.What.Touches()));
        return new Prepared(hostile, clean, expected);
    }

    /// <summary>
    /// Sends the batches in order on one stream of the hostile tenant, each acknowledged before the next goes,
    /// and each by <c>Submit</c> to the clean one; checks every acknowledgement and that the stream ends cleanly.
    /// </summary>
    public async Task StreamBoth(IEnumerable<EventCase> batches)
    {
        using var call = twins.Hostile.Ingest.Stream(deadline: Calls.Deadline());
        var batch = 0;
        foreach (var c in batches)
        {
            var prepared = Prepare(c, batch++);
            await call.RequestStream.WriteAsync(prepared.Hostile);
            ExpectAck(prepared, await NextAck(call.ResponseStream));
            ExpectClean(prepared, await twins.Clean.Ingest.SubmitAsync(prepared.Clean, deadline: Calls.Deadline()));
        }

        await call.RequestStream.CompleteAsync();
        Assert.Null(await NextAckOrNone(call.ResponseStream));
    }

    /// <summary>The next acknowledgement on a stream, past any directive; fails if the stream ends first.</summary>
    public static async Task<BatchAck> NextAck(IAsyncStreamReader<IngestReply> replies) =>
        await NextAckOrNone(replies) ?? throw new InvalidOperationException("The stream ended before the ack.");

    private static async Task<BatchAck?> NextAckOrNone(IAsyncStreamReader<IngestReply> replies)
    {
        while (await replies.MoveNext(CancellationToken.None))
        {
            if (replies.Current.KindCase == IngestReply.KindOneofCase.Ack)
            {
                return replies.Current.Ack;
            }
        }

        return null;
    }

    /// <summary>
    /// Builds batch <paramref name="batch"/> of the case without judging it, padded with sends to
    /// <paramref name="padTo"/> events: a batch the api must refuse whole.
    /// </summary>
    public EventBatch Refused(EventCase c, int batch, int padTo)
    {
        var refused = new EventBatch { BatchId = c.BatchId };
        refused.Events.AddRange(Build(c, batch).Select(b => b.Event));
        for (var i = refused.Events.Count; i < padTo; i++)
        {
            refused.Events.Add(new PlannedSend(0, "s1", 1, $"pad-{i}", Channel.Email)
                .Build(OwnId(batch, 1000 + i, IdStyle.Plain), _scope));
        }

        _touched.UnionWith(c.Events.SelectMany(e => e.What.Touches()));
        _touched.Add(new EntityRef(EntityKind.Sequence, "s1"));
        return refused;
    }

    public static void ExpectClean(Prepared prepared, BatchAck ack) =>
        Assert.Equal((prepared.Clean.Events.Count, 0, 0), (ack.Accepted, ack.Rejected.Count, ack.Duplicates));

    public static void ExpectAck(Prepared prepared, BatchAck ack) =>
        ExpectAck(prepared.Expected, prepared.Hostile.Events, prepared.Hostile.BatchId, ack);

    /// <summary>Checks an acknowledgement against what each event of the batch must come to.</summary>
    public static void ExpectAck(
        IReadOnlyList<Expected> expected, IReadOnlyList<Event> events, string batchId, BatchAck ack)
    {
        var rejections = expected
            .Select((x, i) => (x, i))
            .Where(p => p.x.Outcome == Outcome.Rejected)
            .Select(p => (p.i, events[p.i].EventId, p.x.Field))
            .ToList();
        Assert.Equal(rejections, ack.Rejected.Select(r => (r.Index, r.EventId, (string?)r.Field)).ToList());
        foreach (var (rejection, (_, reason)) in ack.Rejected.Zip(
                     expected.Where(x => x.Outcome == Outcome.Rejected).Select(x => (x.Field, x.Reason))))
        {
            Assert.False(string.IsNullOrWhiteSpace(rejection.Reason), $"Rejection {rejection.Index} gives no reason.");
            if (reason is not null)
            {
                Assert.Equal(reason, rejection.Reason);
            }
        }

        Assert.Equal(
            (batchId, expected.Count(x => x.Outcome == Outcome.Accepted),
                expected.Count(x => x.Outcome == Outcome.Duplicate)),
            (ack.BatchId, ack.Accepted, ack.Duplicates));
    }

    /// <summary>Gives the batch's events their ids and time, and breaks what the generator broke.</summary>
    private List<Built> Build(EventCase c, int batch)
    {
        var ids = new Dictionary<int, string>();
        var built = new List<Built>();
        foreach (var planned in c.Events)
        {
            Built? again = null;
            Event? copy = null;
            string id;
            if (planned.Again is { } a && _sent.TryGetValue((a.Batch, a.Slot), out var earlierOfCase))
            {
                again = earlierOfCase;
                id = again.Event.EventId;
            }
            else if (planned.Earlier is { } k && twins.Accepted.Count > 0)
            {
                var earlier = twins.Accepted[k % twins.Accepted.Count];
                id = earlier.EventId;
                copy = planned.Copy ? earlier.Clone() : null;
            }
            else if (planned.RepeatOf is { } slot && ids.TryGetValue(slot, out var repeated))
            {
                id = repeated;
            }
            else
            {
                id = OwnId(batch, planned.Slot, planned.Style);
            }

            ids[planned.Slot] = id;
            Built made;
            switch (planned.Again?.How, again)
            {
                case (Resend.Same, { } earlier):
                    made = earlier with { Event = earlier.Event.Clone() };
                    break;
                case (Resend.Fixed, { } earlier):
                    // Put right, a broken id is the one it should have had.
                    var fixedId = IdBroken(earlier)
                        ? OwnId(planned.Again!.Batch, earlier.Planned.Slot, IdStyle.Plain)
                        : id;
                    made = new Built(earlier.Planned, earlier.Planned.What.Build(fixedId, _scope), null);
                    break;
                default:
                    var e = copy ?? planned.What.Build(id, _scope);
                    planned.Broken?.Apply(e, _scope.NowMs);

                    // Other content under an id that was broken keeps the broken id.
                    made = new Built(planned, e, again is { } other && IdBroken(other) ? other.Broken : planned.Broken);
                    break;
            }

            _sent[(batch, planned.Slot)] = made;
            built.Add(made);
        }

        return built;
    }

    private static bool IdBroken(Built built) => built.Broken?.Field == "event_id";

    /// <summary>
    /// What each event must come to, by the rules above; the accepted ones are recorded with the twins as applied,
    /// one by one, so that a response finds the conversation a reply before it in the batch opened.
    /// </summary>
    private (List<Expected> Expected, List<Event> Applied) Judge(List<Built> built)
    {
        var expected = new List<Expected>();
        var applied = new List<Event>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < built.Count; i++)
        {
            var e = built[i].Event;
            if (built[i].Broken is { Late: false } broken)
            {
                expected.Add(new Expected(Outcome.Rejected, broken.Field, Reasons.Of(broken, limits)));
            }
            else if (seen.TryGetValue(e.EventId, out var first))
            {
                expected.Add(new Expected(
                    Outcome.Rejected, "event_id", $"repeats the id of event {first} of this batch"));
            }
            else
            {
                seen[e.EventId] = i;
                expected.Add(Fresh(e, applied));
            }
        }

        return (expected, applied);
    }

    private Expected Fresh(Event e, List<Event> applied)
    {
        if (twins.WasAccepted(e.EventId))
        {
            return new Expected(Outcome.Duplicate);
        }

        var missing = e.KindCase switch
        {
            Event.KindOneofCase.AgentResponse when !twins.Model.IsOpen(
                e.AgentResponse.QueueId, e.AgentResponse.ConversationId) => "agent_response.conversation_id",
            Event.KindOneofCase.ConversationResolved when !twins.Model.IsOpen(
                e.ConversationResolved.QueueId, e.ConversationResolved.ConversationId) =>
                "conversation_resolved.conversation_id",
            _ => null,
        };
        if (missing is not null)
        {
            return new Expected(Outcome.Rejected, missing, "no open conversation has this id in this queue");
        }

        twins.Applied([e], _scope.NowMs);
        applied.Add(e);
        return new Expected(Outcome.Accepted);
    }

    private string OwnId(int batch, int slot, IdStyle style)
    {
        var tag = $"{_scope.Tag}-{batch}";
        return style switch
        {
            IdStyle.Slashed => $"/{tag}/e{slot}/",
            IdStyle.Spaced => $" {tag} e{slot}\t",
            IdStyle.Control => $"{tag}\u0000e{slot}\u0007",
            IdStyle.Longest => $"{tag}-e{slot}-".PadRight(limits.MaxEventIdLength, '~'),
            _ => $"{tag}-e{slot}",
        };
    }
}
