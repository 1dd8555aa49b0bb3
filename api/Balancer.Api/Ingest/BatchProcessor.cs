using System.Runtime.InteropServices;
using Balancer.Api.Hosting;
using Balancer.Api.Limits;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Google.Protobuf;
using Grpc.Core;
using Channel = Balancer.Contracts.Api.Channel;
using EventIdHash = Balancer.Capacity.EventIdHash;
using Presence = Balancer.Contracts.Api.Presence;

namespace Balancer.Api.Ingest;

/// <summary>
/// Takes one batch from validation to acknowledgement: rejects what is malformed or names what the
/// tenant does not have, passes the rest through the tenant's ingest gate, which sets the duplicates
/// aside, groups what is new by the grain each event concerns, applies every group with one call, and
/// adds the batch's totals to the tenant's rollup with one more. With a journal, the new events are
/// appended to it while they are applied, and the batch is acknowledged once both are done.
/// </summary>
/// <remarks>
/// <para>
/// A journaled batch that fails part way leaves figures that may hold some of it: the tenant's figures
/// are then rebuilt from the journal (<see cref="RecoveryRunner"/>), and the sender, told UNAVAILABLE,
/// sends the batch again; whatever of it the journal holds comes back as duplicates. Without a journal
/// the gate forgets the batch's ids instead, so the retry counts them.
/// </para>
/// <para>
/// For a routed tenant, one more call comes first: its dispatch grain routes the replies that name no
/// queue and takes what its assignment board follows (conversations opened, responses, resolutions,
/// presence); the routed replies are then grouped where they were sent. Other tenants skip this.
/// </para>
/// <para>
/// One instance serves one stream, batch after batch, and reuses its buffers; it is not thread-safe.
/// Batches of one stream are applied in order, so a reply and the response to it may travel in
/// consecutive batches. Each grain gets its slice as the processor's own list, which is immutable
/// for the call: every slice call completes before the lists are cleared for the next batch, and a
/// batch that fails drops its lists instead, so a call still running late never sees one change.
/// </para>
/// </remarks>
public sealed class BatchProcessor(
    string tenantId,
    IGrainFactory grains,
    TenantCatalogCache catalogs,
    ApiOptions options,
    TimeProvider time,
    IngestDurability durability,
    EventLimiter? limiter = null)
{
    private const string NotTaken = "before the batch was taken; nothing of it was applied";

    private readonly Dictionary<string, List<SequenceEvent>> _sequences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<QueueEvent>> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AgentEvent>> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _eventIds = new(StringComparer.Ordinal);
    private readonly List<Task<SequenceApplied>> _sequenceCalls = [];
    private readonly List<Task<QueueApplied>> _queueCalls = [];
    private readonly List<Task> _agentCalls = [];
    private readonly GrainRefs<ISequenceGrain> _sequenceRefs = new(grains);
    private readonly GrainRefs<IQueueGrain> _queueRefs = new(grains);
    private readonly GrainRefs<IAgentGrain> _agentRefs = new(grains);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<int> _valid = [];
    private readonly List<ulong> _ids = [];
    private readonly List<ulong> _refusedIds = [];
    private List<DispatchEvent> _dispatch = [];
    private readonly Dictionary<int, RoutedReply> _routes = [];
    private TenantActivityReport _activity;
    private bool _routed;

    /// <summary>Takes one batch to its acknowledgement.</summary>
    public async Task<BatchAck> Process(EventBatch batch, ServerCallContext? call = null) =>
        await await Begin(batch, call);

    /// <summary>
    /// Applies one batch and returns, once it is applied, the wait for its acknowledgement: with a journal,
    /// until the batch is committed there too. The next batch of the stream may begin meanwhile, so one
    /// stream's commits overlap and are grouped, while its batches are still applied in order.
    /// </summary>
    /// <param name="call">
    /// The call that brought the batch. Once it is over, a batch is refused until it reaches the gate, and from
    /// there on applied to the end all the same, so that no batch is ever applied in part.
    /// </param>
    /// <remarks>
    /// Before anything is applied, claimed at the gate or journaled, a batch is checked in this order: its shape
    /// (INVALID_ARGUMENT), its call (DEADLINE_EXCEEDED or CANCELLED), the tenant's events a second
    /// (RESOURCE_EXHAUSTED), and once the catalog has been read, its call again.
    /// </remarks>
    public async Task<Task<BatchAck>> Begin(EventBatch batch, ServerCallContext? call = null)
    {
        CheckBatch(batch);
        if (call is not null)
        {
            CallDeadlines.ThrowIfEnded(call, NotTaken);
        }

        if (limiter is not null)
        {
            await limiter.Take(tenantId, batch.Events.Count);
        }

        var now = time.GetUtcNow();
        var ack = new BatchAck { BatchId = batch.BatchId };
        await Admit(batch, now, ack);
        if (call?.CancellationToken.IsCancellationRequested == true)
        {
            Clear();
            CallDeadlines.ThrowIfEnded(call, NotTaken);
        }

        GateClaim claim;
        try
        {
            claim = await Bounded(grains.GetGrain<IIngestGateGrain>(tenantId)
                .Claim(EventIds.From(CollectionsMarshal.AsSpan(_ids)), null, null));
        }
        catch (Exception ex) when (IngestFailures.IsUnavailable(ex))
        {
            Abandon();
            durability.Runner?.Ensure(tenantId);
            throw IngestFailures.ToRpc(ex, tenantId);
        }

        SetAsideDuplicates(batch, claim, ack);
        var journaled = durability.Journal is { } journal && _valid.Count > 0
            ? journal.Append(tenantId, Journaled(batch), _valid.Count, now, CancellationToken.None)
            : Task.CompletedTask;
        // Only the gate of a host without a journal needs them back, to forget them after a failure.
        var fresh = durability.Runner is null ? _ids.ToArray() : [];
        try
        {
            await Bounded(ApplyValid(batch, ack, now, claim.Epoch));
        }
        catch (Exception ex)
        {
            Abandon();

            // Awaited whatever became of it, so that no failure of the journal goes unobserved.
            await journaled.ContinueWith(static _ => { }, TaskScheduler.Default);
            await Undo(fresh);
            if (IngestFailures.IsUnavailable(ex))
            {
                throw IngestFailures.ToRpc(ex, tenantId);
            }

            throw;
        }

        Clear();
        return journaled.IsCompletedSuccessfully
            ? Task.FromResult(ack)
            : Acknowledge(ack, journaled, fresh);
    }

    /// <summary>
    /// With a journal, gives the work up after <see cref="ApiOptions.BatchTimeout"/>: what it did or will do
    /// still is undone by the rebuild that follows. Its lists are dropped, not reused, so a late call sees no
    /// change.
    /// </summary>
    private Task<T> Bounded<T>(Task<T> work) =>
        durability.Journal is null ? work : work.WaitAsync(options.BatchTimeout);

    private Task Bounded(Task work) => durability.Journal is null ? work : work.WaitAsync(options.BatchTimeout);

    /// <summary>The batch's acknowledgement, once the journal has it; after a failure there, the gate closes.</summary>
    private async Task<BatchAck> Acknowledge(BatchAck ack, Task journaled, ulong[] fresh)
    {
        try
        {
            await journaled;
        }
        catch (Exception ex)
        {
            await Undo(fresh);
            if (IngestFailures.IsUnavailable(ex))
            {
                throw IngestFailures.ToRpc(ex, tenantId);
            }

            throw;
        }

        return ack;
    }

    /// <summary>
    /// Applies a batch read back from the journal, for the rebuild of <paramref name="epoch"/>: judged as it
    /// was when <paramref name="at"/> journaled it, and claimed at the gate again, so the duplicates it had
    /// live it has again.
    /// </summary>
    /// <returns>The events applied.</returns>
    public async Task<int> Replay(EventBatch batch, DateTimeOffset at, long epoch)
    {
        var ack = new BatchAck { BatchId = batch.BatchId };
        try
        {
            await Admit(batch, at, ack);
            var claim = await grains.GetGrain<IIngestGateGrain>(tenantId)
                .Claim(EventIds.From(CollectionsMarshal.AsSpan(_ids)), at, epoch);
            SetAsideDuplicates(batch, claim, ack);
            await ApplyValid(batch, ack, at, epoch);
        }
        catch
        {
            Abandon();
            throw;
        }

        Clear();
        return ack.Accepted;
    }

    /// <summary>Validates the batch against the tenant's catalog, leaving the valid events and their ids.</summary>
    private async Task Admit(EventBatch batch, DateTimeOffset now, BatchAck ack)
    {
        var (catalog, fresh) = await catalogs.Get(tenantId);
        if (!Validate(batch, catalog, now, ack) && !fresh)
        {
            // Something named an id this host has not seen: another host may just have created it.
            catalog = await catalogs.Refresh(tenantId);
            ack.Rejected.Clear();
            Validate(batch, catalog, now, ack);
        }

        _ids.Clear();
        foreach (var i in _valid)
        {
            _ids.Add(EventIdHash.Of(batch.Events[i].EventId));
        }
    }

    /// <summary>Drops from the valid events those the gate has seen, and counts them in the ack.</summary>
    private void SetAsideDuplicates(EventBatch batch, GateClaim claim, BatchAck ack)
    {
        ack.Duplicates = claim.Duplicates.Count;
        if (claim.Duplicates.Count == 0)
        {
            return;
        }

        // Positions come in ascending order: one pass keeps the others, in order.
        var kept = 0;
        var next = 0;
        for (var i = 0; i < _valid.Count; i++)
        {
            if (next < claim.Duplicates.Count && claim.Duplicates[next] == i)
            {
                next++;
                continue;
            }

            _valid[kept] = _valid[i];
            _ids[kept] = _ids[i];
            kept++;
        }

        _valid.RemoveRange(kept, _valid.Count - kept);
        _ids.RemoveRange(kept, _ids.Count - kept);
    }

    /// <summary>What the journal keeps of the batch: its valid, new events, which a replay applies alike.</summary>
    private ReadOnlyMemory<byte> Journaled(EventBatch batch)
    {
        if (_valid.Count == batch.Events.Count)
        {
            return batch.ToByteArray();
        }

        var kept = new EventBatch { BatchId = batch.BatchId };
        foreach (var i in _valid)
        {
            kept.Events.Add(batch.Events[i]);
        }

        return kept.ToByteArray();
    }

    /// <summary>
    /// After a failure: with a journal, the gate closes at once, so nothing lands on figures that may hold what
    /// the journal does not, and the figures are rebuilt from the journal; the gate's ids with them, so the
    /// retry is new unless the journal has the batch. Without a journal, the gate forgets the batch's ids.
    /// </summary>
    private async Task Undo(ulong[] fresh)
    {
        var gate = grains.GetGrain<IIngestGateGrain>(tenantId);
        if (durability.Runner is { } runner)
        {
            try
            {
                await gate.Close();
            }
            catch (Exception ex) when (IngestFailures.IsUnavailable(ex))
            {
                // The gate's silo is gone, and its ids with it: the gate comes back closed, its loss reported.
            }

            runner.Ensure(tenantId);
            return;
        }

        if (fresh.Length == 0)
        {
            return;
        }

        try
        {
            await gate.Release(EventIds.From(fresh));
        }
        catch (Exception ex) when (IngestFailures.IsUnavailable(ex))
        {
            // The gate's silo is gone, and the ids with it.
        }
    }

    private async Task ApplyValid(EventBatch batch, BatchAck ack, DateTimeOffset now, long epoch)
    {
        if (_routed)
        {
            await Dispatch(batch, ack, epoch);
        }
        else
        {
            foreach (var i in _valid)
            {
                Group(batch.Events[i], i);
            }
        }

        await Apply(batch, ack, now, epoch);
    }

    private void CheckBatch(EventBatch batch)
    {
        if (Fields.TextProblem(batch.BatchId, options.MaxEventIdLength) is { } idProblem)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"batch_id {idProblem}."));
        }

        if (batch.Events.Count > options.MaxEventsPerBatch)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"events: the batch has {batch.Events.Count} events; the limit is {options.MaxEventsPerBatch}."));
        }
    }

    /// <returns>False when an event named an entity the catalog does not have.</returns>
    private bool Validate(EventBatch batch, TenantCatalog catalog, DateTimeOffset now, BatchAck ack)
    {
        Clear();
        _routed = catalog.Routed;
        var allKnown = true;
        var validator = new EventValidator(catalog, options, now);
        for (var i = 0; i < batch.Events.Count; i++)
        {
            var e = batch.Events[i];
            if (validator.Check(e) is { } problem)
            {
                allKnown &= !problem.UnknownReference;
                ack.Rejected.Add(new Rejection
                {
                    Index = i,
                    EventId = e.EventId,
                    Field = problem.Field,
                    Reason = problem.Reason,
                });
                continue;
            }

            if (!_eventIds.TryAdd(e.EventId, i))
            {
                ack.Rejected.Add(new Rejection
                {
                    Index = i, EventId = e.EventId, Field = "event_id",
                    Reason = $"repeats the id of event {_eventIds[e.EventId]} of this batch",
                });
                continue;
            }

            // Grouped once the gate has set the duplicates aside, and for a routed tenant once the
            // dispatch grain has said where the routed replies go.
            _valid.Add(i);
        }

        return allKnown;
    }

    /// <summary>
    /// A routed tenant's one call to its dispatch grain, with the routed replies and what its board
    /// follows, in batch order; then the grouping, which needs the routes.
    /// </summary>
    private async Task Dispatch(EventBatch batch, BatchAck ack, long epoch)
    {
        foreach (var i in _valid)
        {
            if (ToDispatch(batch.Events[i], i) is { } e)
            {
                _dispatch.Add(e);
            }
        }

        if (_dispatch.Count > 0)
        {
            var applied = await grains.GetGrain<IDispatchGrain>(tenantId)
                .Apply(new DispatchSlice(_dispatch, epoch));
            foreach (var route in applied.Routed)
            {
                _routes[route.Index] = route;
            }

            foreach (var r in applied.Rejected)
            {
                Refused(batch, ack, r);
            }
        }

        foreach (var i in _valid)
        {
            Group(batch.Events[i], i);
        }
    }

    private static DispatchEvent? ToDispatch(Event e, int index)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(e.OccurredAtMs);
        switch (e.KindCase)
        {
            case Event.KindOneofCase.Reply when !e.Reply.BotHandles:
                var reply = e.Reply;
                var facts = new ReplyFacts(
                    reply.ContactId, reply.SequenceId, reply.Step, reply.Intent, (decimal)reply.LifetimeValue,
                    reply.Complaint, reply.BotTranscript, 0);
                return reply.QueueId.Length == 0
                    ? new DispatchEvent(DispatchEventKind.Route, index, at, reply.ConversationId, "", "", facts, false)
                    : new DispatchEvent(
                        DispatchEventKind.Open, index, at, reply.ConversationId, reply.QueueId, "", facts, false);
            case Event.KindOneofCase.BotEscalated:
                var escalated = e.BotEscalated;

                // The bot answered at least once before it escalated.
                var touched = new ReplyFacts(
                    escalated.ContactId, escalated.SequenceId, escalated.Step, "", (decimal)escalated.LifetimeValue,
                    false, escalated.BotTranscript, Math.Max(1, escalated.AutomatedTouches));
                return new DispatchEvent(
                    DispatchEventKind.Open, index, at, escalated.ConversationId, escalated.QueueId, "", touched, false);
            case Event.KindOneofCase.AgentResponse:
                var response = e.AgentResponse;
                return new DispatchEvent(
                    DispatchEventKind.Respond, index, at, response.ConversationId, response.QueueId, response.AgentId,
                    null, false);
            case Event.KindOneofCase.ConversationResolved:
                var closed = e.ConversationResolved;
                return new DispatchEvent(
                    DispatchEventKind.Resolve, index, at, closed.ConversationId, closed.QueueId, "", null, false);
            case Event.KindOneofCase.AgentPresence:
                var presence = e.AgentPresence;
                return new DispatchEvent(
                    DispatchEventKind.Presence, index, at, "", "", presence.AgentId, null,
                    presence.Presence == Presence.Online);
            default:
                return null;
        }
    }

    private void Group(Event e, int index)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(e.OccurredAtMs);
        switch (e.KindCase)
        {
            case Event.KindOneofCase.Send:
                var send = e.Send;
                For(_sequences, send.SequenceId).Add(new SequenceEvent(
                    SequenceEventKind.Send, send.Step, at, send.ContactId, (Contracts.Model.Channel)(int)send.Channel,
                    false));
                _activity = _activity with { Sends = _activity.Sends + 1 };
                break;
            case Event.KindOneofCase.Reply when e.Reply.QueueId.Length == 0 && !e.Reply.BotHandles:
                GroupRouted(e.Reply, index, at);
                break;
            case Event.KindOneofCase.Reply:
                var reply = e.Reply;
                var needsHuman = !reply.BotHandles;
                For(_sequences, reply.SequenceId).Add(new SequenceEvent(
                    SequenceEventKind.Reply, reply.Step, at, reply.ContactId, default, needsHuman));
                if (needsHuman)
                {
                    For(_queues, reply.QueueId).Add(new QueueEvent(
                        QueueEventKind.Open, index, reply.ConversationId, at, Name(reply.SequenceId), reply.Step,
                        false, ""));
                    _activity = _activity with { HumanReplies = _activity.HumanReplies + 1 };
                }
                else
                {
                    _activity = _activity with { BotReplies = _activity.BotReplies + 1 };
                }

                break;
            case Event.KindOneofCase.BotResolved:
                var resolved = e.BotResolved;
                For(_sequences, resolved.SequenceId).Add(new SequenceEvent(
                    SequenceEventKind.BotResolved, resolved.Step, at, "", default, false));
                break;
            case Event.KindOneofCase.BotEscalated:
                var escalated = e.BotEscalated;
                For(_sequences, escalated.SequenceId).Add(new SequenceEvent(
                    SequenceEventKind.Escalated, escalated.Step, at, "", default, true));
                For(_queues, escalated.QueueId).Add(new QueueEvent(
                    QueueEventKind.Open, index, escalated.ConversationId, at, Name(escalated.SequenceId),
                    escalated.Step, true, ""));
                _activity = _activity with
                {
                    Escalated = _activity.Escalated + 1, HumanReplies = _activity.HumanReplies + 1,
                };
                break;
            case Event.KindOneofCase.AgentResponse:
                var response = e.AgentResponse;
                For(_queues, response.QueueId).Add(new QueueEvent(
                    QueueEventKind.Respond, index, response.ConversationId, at, "", 0, false, Name(response.AgentId)));
                break;
            case Event.KindOneofCase.ConversationResolved:
                var closed = e.ConversationResolved;
                For(_queues, closed.QueueId).Add(new QueueEvent(
                    QueueEventKind.Resolve, index, closed.ConversationId, at, "", 0, false, ""));
                break;
            case Event.KindOneofCase.AgentPresence:
                var presence = e.AgentPresence;
                For(_agents, presence.AgentId).Add(new AgentEvent(
                    AgentEventKind.Presence, at, ToModel(presence.Presence), "", false, false));
                break;
            case Event.KindOneofCase.Conversion:
                var conversion = e.Conversion;
                For(_sequences, conversion.SequenceId).Add(new SequenceEvent(
                    SequenceEventKind.Conversion, conversion.Step, at, conversion.ContactId, default, false));
                break;
        }
    }

    /// <summary>
    /// A routed reply goes where its route says; one the dispatch grain refused is in the ack already.
    /// </summary>
    private void GroupRouted(Reply reply, int index, DateTimeOffset at)
    {
        if (!_routes.TryGetValue(index, out var route))
        {
            return;
        }

        var human = route.Tier != RouteTier.Bot;
        For(_sequences, reply.SequenceId).Add(new SequenceEvent(
            SequenceEventKind.Reply, reply.Step, at, reply.ContactId, default, human));
        if (!human)
        {
            _activity = _activity with { BotReplies = _activity.BotReplies + 1 };
            return;
        }

        For(_queues, route.QueueId).Add(new QueueEvent(
            QueueEventKind.Open, index, reply.ConversationId, at, Name(reply.SequenceId), reply.Step, route.Escalated,
            ""));
        _activity = _activity with
        {
            HumanReplies = _activity.HumanReplies + 1,
            Escalated = _activity.Escalated + (route.Escalated ? 1 : 0),
        };
    }

    private async Task Apply(EventBatch batch, BatchAck ack, DateTimeOffset now, long epoch)
    {
        foreach (var (id, events) in _sequences)
        {
            if (events.Count > 0)
            {
                _sequenceCalls.Add(_sequenceRefs.Get(tenantId, id).Apply(new SequenceSlice(events, epoch)));
            }
        }

        foreach (var (id, events) in _queues)
        {
            if (events.Count > 0)
            {
                _queueCalls.Add(_queueRefs.Get(tenantId, id).Apply(new QueueSlice(events, epoch)));
            }
        }

        // Agents hear from queues what their responses did, so they go second: one call each.
        await Task.WhenAll(_queueCalls);
        foreach (var call in _queueCalls)
        {
            var applied = call.Result;
            foreach (var r in applied.Rejected)
            {
                Refused(batch, ack, r);
            }

            foreach (var work in applied.AgentWork)
            {
                For(_agents, work.AgentId).Add(work.Event);
            }
        }

        foreach (var (id, events) in _agents)
        {
            if (events.Count > 0)
            {
                _agentCalls.Add(_agentRefs.Get(tenantId, id).Apply(new AgentSlice(events, epoch)));
            }
        }

        await Task.WhenAll(_sequenceCalls);
        await Task.WhenAll(_agentCalls);
        foreach (var call in _sequenceCalls)
        {
            var applied = call.Result;
            _activity = _activity with
            {
                Entries = _activity.Entries + applied.Entries,
                RepeatEntries = _activity.RepeatEntries + applied.RepeatEntries,
            };
        }

        if (!_activity.IsEmpty)
        {
            await grains.GetGrain<ITenantGrain>(tenantId).Record(_activity, now, epoch);
        }

        if (_refusedIds.Count > 0)
        {
            var sorted = ack.Rejected.OrderBy(r => r.Index).ToList();
            ack.Rejected.Clear();
            ack.Rejected.AddRange(sorted);

            // The gate took these ids with the batch, but their events were not applied: sent again, once what they
            // need is there, they must count, not come back as duplicates of nothing.
            await grains.GetGrain<IIngestGateGrain>(tenantId)
                .Release(EventIds.From(CollectionsMarshal.AsSpan(_refusedIds)));
        }

        ack.Accepted = batch.Events.Count - ack.Rejected.Count - ack.Duplicates;
    }

    /// <summary>An event a grain refused after validation: in the ack, its id for the gate to forget.</summary>
    private void Refused(EventBatch batch, BatchAck ack, SliceRejection r)
    {
        var eventId = batch.Events[r.Index].EventId;
        ack.Rejected.Add(new Rejection { Index = r.Index, EventId = eventId, Field = r.Field, Reason = r.Reason });
        _refusedIds.Add(EventIdHash.Of(eventId));
    }

    private void Clear()
    {
        foreach (var list in _sequences.Values)
        {
            list.Clear();
        }

        foreach (var list in _queues.Values)
        {
            list.Clear();
        }

        foreach (var list in _agents.Values)
        {
            list.Clear();
        }

        // Lists stay for the next batch of the stream; past 1,024 ids of a kind, the groups start afresh.
        Trim(_sequences);
        Trim(_queues);
        Trim(_agents);
        _eventIds.Clear();
        _sequenceCalls.Clear();
        _queueCalls.Clear();
        _agentCalls.Clear();
        _valid.Clear();
        _ids.Clear();
        _dispatch.Clear();
        _routes.Clear();
        _refusedIds.Clear();
        _activity = default;
    }

    /// <summary>
    /// One instance per sequence or agent id, since open conversations keep these for their life
    /// and each parsed event brings a copy of its own.
    /// </summary>
    private string Name(string id)
    {
        if (_names.TryGetValue(id, out var known))
        {
            return known;
        }

        if (_names.Count >= 4096)
        {
            _names.Clear();
        }

        _names.Add(id);
        return id;
    }

    /// <summary>Forgets the lists a failed batch handed out, without touching them.</summary>
    private void Abandon()
    {
        _sequences.Clear();
        _queues.Clear();
        _agents.Clear();
        _eventIds.Clear();
        _sequenceCalls.Clear();
        _queueCalls.Clear();
        _agentCalls.Clear();
        _valid.Clear();
        _ids.Clear();
        _dispatch = [];
        _routes.Clear();
        _refusedIds.Clear();
        _activity = default;
    }

    private static List<T> For<T>(Dictionary<string, List<T>> groups, string id)
    {
        if (!groups.TryGetValue(id, out var list))
        {
            list = [];
            groups.Add(id, list);
        }

        return list;
    }

    private static void Trim<T>(Dictionary<string, List<T>> groups)
    {
        if (groups.Count > 1024)
        {
            groups.Clear();
        }
    }

    private static Contracts.Model.Presence ToModel(Presence presence) => presence switch
    {
        Presence.Online => Contracts.Model.Presence.Online,
        Presence.Away => Contracts.Model.Presence.Away,
        _ => Contracts.Model.Presence.Offline,
    };

    internal static Contracts.Model.Channel ToModel(Channel channel) => (Contracts.Model.Channel)(int)channel;
}
