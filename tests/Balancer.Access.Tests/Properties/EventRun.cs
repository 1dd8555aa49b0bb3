using Balancer.Api.Hosting;
using Balancer.Contracts.Api;

namespace Balancer.Access.Tests.Properties;

public enum Outcome
{
    Accepted,
    Duplicate,
    Rejected,
}

/// <summary>What Balancer must answer for one event of a batch; a null reason is only checked to be there.</summary>
public readonly record struct Expected(Outcome Outcome, string? Field = null, string? Reason = null);

/// <summary>
/// Runs generated batches against <see cref="TwinTenants"/>. For each batch it builds the events, works out what
/// Balancer must answer for each by the rules the schema documents, sends the batch whole to the hostile tenant
/// and what must be applied to the clean one, then checks both acknowledgements and that the figures agree.
/// </summary>
/// <remarks>
/// The rules, in the order the api applies them: a broken field is refused, named by its path; an id already
/// taken by an earlier valid event of the batch is refused as <c>event_id</c>; an id the tenant accepted in an
/// earlier batch is a duplicate, whatever it carries; a response or a resolution whose conversation is not open
/// in its queue is refused by the queue; everything else is accepted and applied once.
/// </remarks>
public sealed class EventRun(TwinTenants twins, ApiOptions limits)
{
    private const string Forbidden = "may not contain '/', white space or control characters";

    public async Task Check(EventCase c)
    {
        var scope = new CaseScope(twins.NextTag(), twins.Host.NowMs);
        var events = Build(c, scope);
        var batch = new EventBatch { BatchId = c.BatchId };
        batch.Events.AddRange(events);
        var (expected, applied) = Judge(c, events, scope.NowMs);
        var clean = new EventBatch { BatchId = c.BatchId };
        clean.Events.AddRange(applied);

        var hostileAck = twins.Hostile.Ingest.SubmitAsync(batch, deadline: Calls.Deadline()).ResponseAsync;
        var cleanAck = twins.Clean.Ingest.SubmitAsync(clean, deadline: Calls.Deadline()).ResponseAsync;
        await Task.WhenAll(hostileAck, cleanAck);

        ExpectAck(expected, events, c.BatchId, await hostileAck);
        var ack = await cleanAck;
        Assert.Equal((applied.Count, 0, 0), (ack.Accepted, ack.Rejected.Count, ack.Duplicates));
        await twins.ExpectSameFigures(Touched(c));
    }

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

    /// <summary>Gives the case's events their ids and time, and breaks what the generator broke.</summary>
    public List<Event> Build(EventCase c, CaseScope scope)
    {
        var ids = new Dictionary<int, string>();
        var events = new List<Event>();
        foreach (var planned in c.Events)
        {
            Event? copy = null;
            string id;
            if (planned.Earlier is { } k && twins.Accepted.Count > 0)
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
                id = OwnId(scope.Tag, planned.Slot, planned.Style);
            }

            ids[planned.Slot] = id;
            var e = copy ?? planned.What.Build(id, scope);
            planned.Broken?.Apply(e, scope.NowMs);
            events.Add(e);
        }

        return events;
    }

    /// <summary>
    /// What each event must come to, by the rules above; the accepted ones are recorded with the twins as applied,
    /// one by one, so that a response finds the conversation a reply before it in the batch opened.
    /// </summary>
    public (List<Expected> Expected, List<Event> Applied) Judge(EventCase c, List<Event> events, long nowMs)
    {
        var expected = new List<Expected>();
        var applied = new List<Event>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (c.Events[i].Broken is { Late: false } broken)
            {
                expected.Add(new Expected(Outcome.Rejected, broken.Field, Reason(broken)));
            }
            else if (seen.TryGetValue(e.EventId, out var first))
            {
                expected.Add(new Expected(
                    Outcome.Rejected, "event_id", $"repeats the id of event {first} of this batch"));
            }
            else
            {
                seen[e.EventId] = i;
                expected.Add(Fresh(e, nowMs, applied));
            }
        }

        return (expected, applied);
    }

    private Expected Fresh(Event e, long nowMs, List<Event> applied)
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

        twins.Applied([e], nowMs);
        applied.Add(e);
        return new Expected(Outcome.Accepted);
    }

    /// <summary>The reasons Balancer words alike for every field; the others are only checked to be given.</summary>
    private string? Reason(Breakage broken)
    {
        var limit = broken.Field switch
        {
            "event_id" => limits.MaxEventIdLength,
            _ when broken.Field.EndsWith("intent", StringComparison.Ordinal) => limits.MaxTextLength,
            _ when broken.Field.EndsWith("bot_transcript", StringComparison.Ordinal) => limits.MaxTranscriptLength,
            _ => limits.MaxIdLength,
        };
        return (broken.Harm, broken.Value) switch
        {
            ("too long", string s) => $"is {s.Length} characters long; the limit is {limit}",
            ("forbidden character", _) => Forbidden,
            ("missing", _) when broken.Field.EndsWith("_id", StringComparison.Ordinal) &&
                broken.Field != "reply.queue_id" => "is required",
            ("unknown", string id) when broken.Field.EndsWith("queue_id", StringComparison.Ordinal) =>
                $"no queue '{id}' is configured for this tenant",
            ("unknown", string id) when broken.Field.EndsWith("agent_id", StringComparison.Ordinal) =>
                $"no agent '{id}' is configured for this tenant",
            ("unknown", string id) => $"no sequence '{id}' is configured for this tenant",
            _ => null,
        };
    }

    /// <summary>
    /// The entities a case may have changed: those its events name. A resolution reaches the sequence and the agent
    /// of its conversation too, which the reply and the response before it in the case name.
    /// </summary>
    private static IEnumerable<EntityRef> Touched(EventCase c) => c.Events.SelectMany(e => e.What.Touches).Distinct();

    private string OwnId(string tag, int slot, IdStyle style) => style switch
    {
        IdStyle.Slashed => $"/{tag}/e{slot}/",
        IdStyle.Spaced => $" {tag} e{slot}\t",
        IdStyle.Control => $"{tag}\u0000e{slot}\u0007",
        IdStyle.Longest => $"{tag}-e{slot}-".PadRight(limits.MaxEventIdLength, '~'),
        _ => $"{tag}-e{slot}",
    };
}
