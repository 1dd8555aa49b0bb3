using FsCheck;
using FsCheck.Fluent;
using Channel = Balancer.Contracts.Api.Channel;
using ApiPresence = Balancer.Contracts.Api.Presence;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// Generates the batches of the event properties over the whole event schema: valid events of every kind, at the
/// edges of what is allowed (steps at the last one, ids and texts at their limits, times up to the allowed skew
/// ahead and out of order), conversations opened, answered and resolved, and hostile events, each a valid one with
/// one field broken by <see cref="HostileValues"/>; and repeats of ids within a batch and across batches. For a
/// tenant whose replies are routed to <paramref name="routedTo"/>, human replies may name no queue.
/// </summary>
public sealed class EventGenerators(HostileValues hostile, string? routedTo = null)
{
    private static readonly int CountedMs = (int)EventModel.CountedAge.TotalMilliseconds;

    private int MaxId => hostile.Limits.MaxIdLength;

    private int SkewMs => (int)hostile.Limits.MaxClockSkew.TotalMilliseconds;

    /// <summary>
    /// When a counted event happened: mostly just now, often out of order, up to 23 hours back or the skew ahead.
    /// </summary>
    public Gen<long> Offset => Gen.Frequency(
        (6, Gen.Choose(-60_000, 0)),
        (3, Gen.Choose(-CountedMs, 0)),
        (1, Gen.Choose(0, SkewMs)),
        (1, Gen.Elements(-CountedMs, SkewMs, 0))).Select(ms => (long)ms);

    /// <summary>A presence, which no window counts, may be as old as the maximum age, to the millisecond.</summary>
    public Gen<long> PresenceOffset => Gen.Frequency(
        (5, Offset),
        (1, Gen.Constant(-(long)hostile.Limits.MaxEventAge.TotalMilliseconds)));

    private static Gen<(string Id, int Step)> SequenceStep =>
        Gen.Elements(EventCatalog.Sequences).SelectMany(s => Gen.Frequency(
            (3, Gen.Choose(1, s.Steps)),
            (1, Gen.Constant(s.Steps))).Select(step => (s.Id, step)));

    private Gen<string> Contact => HostileValues.ValidId(MaxId);

    private static Gen<string> QueueId => Gen.Elements(EventCatalog.Queues);

    private static Gen<string> AgentId => Gen.Elements(EventCatalog.Agents);

    private static Gen<Channel> Channels => Gen.Elements(Channel.Email, Channel.Sms, Channel.Chat);

    private static Gen<ApiPresence> Presences =>
        Gen.Elements(ApiPresence.Online, ApiPresence.Offline, ApiPresence.Away);

    /// <summary>A lifetime value: 0, the largest taken, the smallest above 0, or an amount with cents.</summary>
    private static Gen<double> Value => Gen.Frequency(
        (4, Gen.Choose(0, int.MaxValue).Select(cents => cents / 100.0)),
        (1, Gen.Elements(0.0, -0.0, 1e15, double.Epsilon)));

    private Gen<string> Intent => Gen.Frequency(
        (3, Gen.Constant("")),
        (3, Gen.Elements("password_reset", "billing", "PASSWORD_RESET", "cancel\tplan", "remboursement")),
        (1, Gen.Constant(new string('i', hostile.Limits.MaxTextLength))));

    private Gen<int> TranscriptLength => Gen.Frequency(
        (3, Gen.Constant(0)),
        (2, Gen.Choose(1, 200)),
        (1, Gen.Constant(hostile.Limits.MaxTranscriptLength)));

    /// <summary>
    /// An event that opens nothing a later one needs: a send, a bot reply or resolution, a presence, a conversion.
    /// </summary>
    public Gen<Planned> Single(string local) => Gen.OneOf(
        Send.Select(e => (Planned)e),
        BotReply(local).Select(e => (Planned)e),
        BotResolved(local).Select(e => (Planned)e),
        Presence.Select(e => (Planned)e),
        Conversion.Select(e => (Planned)e));

    public Gen<PlannedSend> Send =>
        from at in Offset
        from s in SequenceStep
        from contact in Contact
        from channel in Channels
        select new PlannedSend(at, s.Id, s.Step, contact, channel);

    public Gen<PlannedReply> BotReply(string local) =>
        from at in Offset
        from s in SequenceStep
        from contact in Contact
        from queue in Gen.Frequency((3, Gen.Constant("")), (1, QueueId))
        from intent in Intent
        from value in Value
        from complaint in Gen.Elements(false, true)
        from transcript in TranscriptLength
        select new PlannedReply(at, local, contact, s.Id, s.Step, queue, true, intent, value, complaint, transcript);

    public Gen<PlannedBotResolved> BotResolved(string local) =>
        from at in Offset
        from s in SequenceStep
        select new PlannedBotResolved(at, local, s.Id, s.Step);

    public Gen<PlannedPresence> Presence =>
        from at in PresenceOffset
        from agent in AgentId
        from presence in Presences
        select new PlannedPresence(at, agent, presence);

    public Gen<PlannedConversion> Conversion =>
        from at in Offset
        from s in SequenceStep
        from contact in Contact
        select new PlannedConversion(at, s.Id, s.Step, contact);

    /// <summary>
    /// A conversation opened by a human reply or an escalation, maybe answered, maybe resolved; now and then told
    /// out of order, a response or the resolution before the reply, or answered or resolved in a queue it is not
    /// in, which the queue must refuse.
    /// </summary>
    public Gen<List<Planned>> Story(string local) =>
        from opener in Opener(local)
        let named = opener switch { PlannedReply r => r.QueueId, PlannedEscalated e => e.QueueId, _ => "" }
        let queue = named.Length > 0 ? named : routedTo ?? ""
        from answers in Gen.Choose(0, 2)
        from responses in Gen.ArrayOf(Response(local).Select(r => (Planned)(r with { QueueId = queue })), answers)
        from resolved in Gen.Frequency(
            (1, Gen.Constant<Planned?>(null)),
            (1, Resolved(local).Select(r => (Planned?)(r with { QueueId = queue }))))
        from stray in Gen.Frequency((3, Gen.Constant<Planned?>(null)), (1, Stray(local, queue)))
        let story = (List<Planned>)[
            opener, .. responses, .. resolved is null ? [] : new[] { resolved },
            .. stray is null ? [] : new[] { stray }]
        from told in Gen.Frequency((4, Gen.Constant(story.ToArray())), (1, Gen.Shuffle(story.ToArray())))
        select told.ToList();

    /// <summary>A human reply or an escalation, opening a conversation in a queue.</summary>
    public Gen<Planned> Opener(string local) => Gen.OneOf(
        HumanReply(local).Select(e => (Planned)e),
        Escalated(local).Select(e => (Planned)e));

    public Gen<PlannedReply> HumanReply(string local) =>
        from at in Offset
        from s in SequenceStep
        from contact in Contact
        from queue in routedTo is null ? QueueId : Gen.Frequency((3, QueueId), (1, Gen.Constant("")))
        from intent in Intent
        from value in Value
        from complaint in Gen.Elements(false, true)
        from transcript in TranscriptLength
        select new PlannedReply(at, local, contact, s.Id, s.Step, queue, false, intent, value, complaint, transcript);

    public Gen<PlannedEscalated> Escalated(string local) =>
        from at in Offset
        from s in SequenceStep
        from queue in QueueId
        from touches in Gen.Frequency((3, Gen.Choose(0, 5)), (1, Gen.Elements(0, 1000)))
        from value in Value
        from contact in Gen.Frequency((1, Gen.Constant("")), (2, Contact))
        from transcript in TranscriptLength
        select new PlannedEscalated(at, local, s.Id, s.Step, queue, touches, value, contact, transcript);

    private Gen<PlannedResponse> Response(string local) =>
        from at in Offset
        from queue in QueueId
        from agent in AgentId
        select new PlannedResponse(at, local, queue, agent);

    private Gen<PlannedResolved> Resolved(string local) =>
        from at in Offset
        from queue in QueueId
        select new PlannedResolved(at, local, queue);

    /// <summary>A response or a resolution of the conversation naming a queue it is not open in.</summary>
    private Gen<Planned?> Stray(string local, string queue) =>
        from other in Gen.Elements(EventCatalog.Queues.Where(q => q != queue).ToArray())
        from stray in Gen.OneOf(
            Response(local).Select(r => (Planned?)(r with { QueueId = other })),
            Resolved(local).Select(r => (Planned?)(r with { QueueId = other })))
        select stray;

    /// <summary>
    /// Valid events in an order that keeps each conversation's own: stories and single events interleaved.
    /// </summary>
    public Gen<List<Planned>> Valid(int maxLanes, string prefix = "c") =>
        from lanes in Gen.Choose(0, maxLanes)
        from kinds in Gen.ArrayOf(Gen.Elements(false, false, true), lanes)
        from events in Gen.CollectToArray(kinds.Select((story, i) =>
            story ? Story($"{prefix}{i}") : Single($"{prefix}{i}").Select(e => new List<Planned> { e })))
        from picks in Gen.ArrayOf(Gen.Choose(0, 1000), events.Sum(e => e.Count))
        select Interleave(events, picks);

    /// <summary>A valid event broken in one field of its kind, or in a field every event has.</summary>
    public Gen<(Planned What, Breakage Broken)> Hostile(string local) => Gen.Frequency(
        (1, Broken(Any(local), hostile.EventId())),
        (2, Broken(Any(local), hostile.OccurredAt())),
        (1, Broken(Any(local), HostileValues.Kind())),
        (2, Send.SelectMany(e => Broken(e, Gen.OneOf(
            Step("send", e.SequenceId),
            hostile.Id("send.contact_id"),
            HostileValues.Enum("send.channel", 3))))),
        (3, HumanReply(local).SelectMany(e => Broken(e, Gen.OneOf(
            hostile.Id("reply.conversation_id"),
            hostile.Id("reply.contact_id"),
            Step("reply", e.SequenceId),
            hostile.Id("reply.queue_id", EventCatalog.UnknownQueues, optional: routedTo is not null),
            HostileValues.Text("reply.intent", hostile.Limits.MaxTextLength),
            HostileValues.Amount("reply.lifetime_value"),
            HostileValues.Text("reply.bot_transcript", hostile.Limits.MaxTranscriptLength))))),
        (1, BotReply(local).SelectMany(e => Broken(e, Gen.OneOf(
            hostile.Id("reply.contact_id"),
            hostile.Id("reply.queue_id", EventCatalog.UnknownQueues, optional: true),
            HostileValues.Amount("reply.lifetime_value"))))),
        (1, BotResolved(local).SelectMany(e => Broken(e, Gen.OneOf(
            hostile.Id("bot_resolved.conversation_id"),
            Step("bot_resolved", e.SequenceId))))),
        (2, Escalated(local).SelectMany(e => Broken(e, Gen.OneOf(
            hostile.Id("bot_escalated.conversation_id"),
            Step("bot_escalated", e.SequenceId),
            hostile.Id("bot_escalated.queue_id", EventCatalog.UnknownQueues),
            HostileValues.Text("bot_escalated.bot_transcript", hostile.Limits.MaxTranscriptLength),
            HostileValues.Amount("bot_escalated.lifetime_value"),
            HostileValues.Int("bot_escalated.automated_touches", 0, 1000),
            hostile.Id("bot_escalated.contact_id", optional: true))))),
        (2, Broken(Response(local), Gen.OneOf(
            hostile.Id("agent_response.conversation_id"),
            Gen.Constant(Late("agent_response.conversation_id")),
            hostile.Id("agent_response.queue_id", EventCatalog.UnknownQueues),
            hostile.Id("agent_response.agent_id", EventCatalog.UnknownAgents)))),
        (1, Broken(Resolved(local), Gen.OneOf(
            hostile.Id("conversation_resolved.conversation_id"),
            Gen.Constant(Late("conversation_resolved.conversation_id")),
            hostile.Id("conversation_resolved.queue_id", EventCatalog.UnknownQueues)))),
        (1, Broken(Presence, Gen.OneOf(
            hostile.Id("agent_presence.agent_id", EventCatalog.UnknownAgents),
            HostileValues.Enum("agent_presence.presence", 3)))),
        (1, Conversion.SelectMany(e => Broken(e, Gen.OneOf(
            Step("conversion", e.SequenceId),
            hostile.Id("conversion.contact_id"))))));

    private static Gen<(Planned What, Breakage Broken)> Broken<T>(Gen<T> events, Gen<Breakage> breakages)
        where T : Planned => events.SelectMany(e => Broken(e, breakages));

    private static Gen<(Planned What, Breakage Broken)> Broken(Planned e, Gen<Breakage> breakages) =>
        breakages.Select(b => (e, b));

    /// <summary>
    /// A batch: valid events, one to four hostile ones among them, and now and then a valid event repeating the
    /// id of one before it in the batch, or of one accepted in an earlier case, as it was or with other content.
    /// </summary>
    public Gen<EventCase> Case => Batch(1, 4);

    /// <summary>
    /// Two or three batches, sent by <c>Submit</c> or on one stream: the later ones send events of the earlier
    /// ones again, as they were (a retry after a lost acknowledgement), fixed (what was refused, put right) or
    /// with other content, among new events.
    /// </summary>
    public Gen<RepeatCase> Repeats =>
        from stream in Gen.Elements(false, true)
        from first in Batch(0, 3)
        from more in Gen.Choose(1, 2)
        from later in Later([first], more)
        select new RepeatCase(stream, later);

    /// <summary>
    /// A batch the api must refuse whole, for a batch id past its limit or more events than a batch may hold,
    /// after up to two batches it takes, on one stream or by <c>Submit</c>.
    /// </summary>
    public Gen<OversizedCase> Oversized =>
        from stream in Gen.Elements(false, true)
        from before in Gen.Choose(0, 2).SelectMany(n => Gen.CollectToArray(
            Enumerable.Range(0, n).Select(i => Batch(0, 2, $"p{i}c"))))
        from content in Batch(0, 3)
        from harm in Gen.OneOf(
            HostileValues.Chars(
                    Gen.Choose(hostile.Limits.MaxEventIdLength + 1, hostile.Limits.MaxEventIdLength * 8),
                    HostileValues.IdChars)
                .Select(id => ("batch_id", id.Length, id)),
            Gen.Choose(PropertyHost.MaxEventsPerBatch + 1, PropertyHost.MaxEventsPerBatch + 8)
                .Select(n => ("events", n, "")))
        select new OversizedCase(
            stream, before, harm.Item1 == "batch_id" ? content with { BatchId = harm.Item3 } : content,
            harm.Item1, harm.Item2);

    private Gen<List<EventCase>> Later(List<EventCase> sent, int remaining) => remaining == 0
        ? Gen.Constant(sent)
        : Resent(sent).SelectMany(next => Later([.. sent, next], remaining - 1));

    /// <summary>
    /// A later batch of a repeat case: new events, and events of the batches before it again. The new events'
    /// conversations are the batch's own: one id open in two queues at once is not a conversation.
    /// </summary>
    private Gen<EventCase> Resent(List<EventCase> sent) =>
        from batchId in BatchId
        from valid in Valid(3, $"b{sent.Count}c")
        from count in Gen.Choose(1, 6)
        from again in Gen.ArrayOf(
            from batch in Gen.Choose(0, sent.Count - 1)
            from earlier in Gen.Elements(sent[batch].Events.Count == 0
                ? [new CaseEvent(0, new PlannedBotResolved(0, "none", "s1", 1))]
                : sent[batch].Events.ToArray())
            from how in Gen.Frequency((5, Gen.Constant(Resend.Same)), (3, Gen.Constant(Resend.Fixed)),
                (2, Gen.Constant(Resend.Other)))
            from other in Single($"o{batch}")
            select (how == Resend.Other ? other : earlier.What, new Again(batch, earlier.Slot, how)), count)
        from places in Gen.ArrayOf(Gen.Choose(0, 1000), 8)
        select Resending(batchId, valid, again, places);

    private static EventCase Resending(
        string batchId, List<Planned> valid, (Planned What, Again Again)[] again, int[] places)
    {
        var slot = 0;
        var events = valid.Select(e => new CaseEvent(slot++, e)).ToList();
        for (var i = 0; i < again.Length; i++)
        {
            events.Insert(
                places[i % places.Length] % (events.Count + 1),
                new CaseEvent(slot++, again[i].What, Again: again[i].Again));
        }

        return new EventCase(batchId, events);
    }

    /// <summary>A batch whose new conversations are named from <paramref name="prefix"/>, its own.</summary>
    private Gen<EventCase> Batch(int minHostile, int maxHostile, string prefix = "c") =>
        from batchId in BatchId
        from valid in Valid(5, prefix)
        from hostileCount in Gen.Choose(minHostile, maxHostile)
        from hostiles in Gen.CollectToArray(Enumerable.Range(0, hostileCount).Select(i => Hostile($"h{i}")))
        from repeatCount in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from repeats in Gen.ArrayOf(Single("r").SelectMany(e => Gen.Frequency(
            (4, Gen.Constant<Breakage?>(null)),
            (1, hostile.OccurredAt().Select(b => (Breakage?)b))), (e, b) => (e, b)), repeatCount)
        from earlierCount in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from earlier in Gen.ArrayOf(
            from what in Single("d")
            from index in Gen.Choose(0, 10_000)
            from copy in Gen.Elements(false, true, true)
            select (what, index, copy), earlierCount)
        from styles in Gen.ArrayOf(
            Gen.Frequency((12, Gen.Constant(IdStyle.Plain)), (1, Gen.Elements(Enum.GetValues<IdStyle>()))), 64)
        from places in Gen.ArrayOf(Gen.Choose(0, 1000), 16)
        select Assemble(batchId, valid, hostiles, repeats, earlier, styles, places);

    /// <summary>A batch id: none, one of a kind, one at the limit, one with characters ids refuse.</summary>
    public Gen<string> BatchId => Gen.Frequency(
        (3, Gen.Constant("")),
        (3, Gen.Choose(1, 1_000_000).Select(n => $"batch-{n}")),
        (1, Gen.Constant(new string('b', hostile.Limits.MaxEventIdLength))),
        (1, Gen.Elements("batch/1", "batch 1\t", "\u0000\u0085")));

    private static EventCase Assemble(
        string batchId, List<Planned> valid, (Planned What, Breakage Broken)[] hostiles,
        (Planned What, Breakage? Broken)[] repeats, (Planned What, int Index, bool Copy)[] earlier,
        IdStyle[] styles, int[] places)
    {
        var slot = 0;
        var events = valid.Select(e => new CaseEvent(slot++, e)).ToList();
        var place = 0;
        int Next(int bound) => places[place++ % places.Length] % (bound + 1);
        foreach (var (what, broken) in hostiles)
        {
            events.Insert(Next(events.Count), new CaseEvent(slot++, what, broken));
        }

        foreach (var (what, broken) in repeats)
        {
            if (valid.Count == 0)
            {
                break;
            }

            var originalSlot = Next(valid.Count - 1);
            var original = events.First(e => e.Slot == originalSlot);
            var after = events.IndexOf(original) + 1;
            events.Insert(after + Next(events.Count - after), new CaseEvent(slot++, what, broken, original.Slot));
        }

        foreach (var (what, index, copy) in earlier)
        {
            events.Insert(Next(events.Count), new CaseEvent(slot++, what, Earlier: index, Copy: copy));
        }

        return new EventCase(batchId, [.. events.Select(e => e with { Style = styles[e.Slot % styles.Length] })]);
    }

    private static List<Planned> Interleave(List<Planned>[] lanes, int[] picks)
    {
        var next = new int[lanes.Length];
        var open = Enumerable.Range(0, lanes.Length).Where(i => lanes[i].Count > 0).ToList();
        var merged = new List<Planned>();
        foreach (var pick in picks)
        {
            var lane = open[pick % open.Count];
            merged.Add(lanes[lane][next[lane]++]);
            if (next[lane] == lanes[lane].Count)
            {
                open.Remove(lane);
            }
        }

        return merged;
    }

    private Gen<Planned> Any(string local) => Gen.OneOf(
        Single(local),
        Opener(local),
        Response(local).Select(e => (Planned)e),
        Resolved(local).Select(e => (Planned)e));

    private Gen<Breakage> Step(string message, string sequenceId) => Gen.Frequency(
        (3, HostileValues.Int($"{message}.step", 1, EventCatalog.StepsOf(sequenceId))),
        (2, Gen.Elements(EventCatalog.UnknownSequences).Select(id => new Breakage(
            $"{message}.sequence_id", "unknown", id, EventCatalog.UnknownSequences[0]))),
        (2, hostile.Id($"{message}.sequence_id")));

    private static Breakage Late(string field) => new(field, "no such conversation", "ghost", "ghost", Late: true);
}
