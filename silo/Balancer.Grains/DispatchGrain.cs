using Balancer.Capacity;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AgentTier = Balancer.Capacity.AgentTier;
using RouteTier = Balancer.Contracts.Model.RouteTier;

namespace Balancer.Grains;

[GenerateSerializer, Alias("balancer.DispatchState")]
public sealed class DispatchState : IFiguresState
{
    /// <summary>Null until the tenant sets rules; the tenant is routed from then on.</summary>
    [Id(0)]
    public RoutingSettings? Routing { get; set; }

    [Id(1)]
    public Dictionary<string, TimeSpan> ReplyWindows { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public Dictionary<string, AgentSettings> Agents { get; set; } = new(StringComparer.Ordinal);

    [Id(3)]
    public Dictionary<string, string> TriggerSources { get; set; } = new(StringComparer.Ordinal);

    [Id(4)]
    public long FiguresEpoch { get; set; }
}

/// <summary>
/// A tenant's <see cref="Router"/> and <see cref="AssignmentBoard"/>. Routes the replies that name no
/// queue and puts every conversation waiting for a human on the board; every
/// <see cref="DispatchOptions.DispatchInterval"/> it returns what timed out, makes the offers and pushes
/// them to the api hosts listening for each agent. Keeps its own copy of the tenant's reply windows,
/// agents and trigger sources, which the tenant passes on as they are configured.
/// </summary>
/// <remarks>
/// Presence starts from the agents' grains when routing is turned on or the grain activates, and
/// follows the tenant's presence events from then on. Waiting conversations live in memory only, like
/// every figure of the grains.
/// </remarks>
[CollectionAgeLimit(Hours = 25)]
public sealed class DispatchGrain(
    [PersistentState("dispatch", StorageNames.Balancer)] IPersistentState<DispatchState> state,
    BalancerClock clock,
    IOptions<DispatchOptions> options,
    IOptions<AssignmentOptions> assignment,
    IOptions<PriorityOptions> priority,
    IOptions<RecoveryOptions> recovery,
    ILogger<DispatchGrain> logger) : Grain, IDispatchGrain
{
    private const string NotYours = "the offer is no longer the agent's: it timed out, was declined, " +
        "went to another agent or was answered";

    private readonly AssignmentBoard _board = new(assignment.Value, new PriorityScore(priority.Value));
    private readonly AgentListeners _listeners = new(options.Value.ListenerExpiry);
    private Router? _router;
    private TrialOutcomes? _outcomes;
    private IGrainTimer? _timer;
    private string _tenantId = "";
    private EpochFence<DispatchState>? _fence;

    private EpochFence<DispatchState> Fence => _fence ??= new EpochFence<DispatchState>(
        state, recovery.Value.Enabled, _tenantId, "the dispatch");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tenantId = this.GetPrimaryKeyString();
        await Fence.Inspect(GrainFactory);
        foreach (var (id, settings) in state.State.Agents)
        {
            _board.UpsertAgent(settings.ToProfile(id));
        }

        if (state.State.Routing is { } routing)
        {
            UseRules(routing);
            await Start();
        }
    }

    public async Task Configure(RoutingSettings settings)
    {
        var previous = state.State.Routing;
        var first = previous is null;
        state.State.Routing = settings;
        await state.WriteOrUndo(() => state.State.Routing = previous);
        UseRules(settings);
        if (first)
        {
            await Start();
        }

        logger.LogInformationRoutingConfigured(_tenantId, settings.TrialPercent);
    }

    public async Task UpsertQueue(string queueId, TimeSpan replyWindow)
    {
        if (state.State.ReplyWindows.TryGetValue(queueId, out var known) && known == replyWindow)
        {
            return;
        }

        var had = state.State.ReplyWindows.ContainsKey(queueId);
        state.State.ReplyWindows[queueId] = replyWindow;
        await state.WriteOrUndo(() => Restore(state.State.ReplyWindows, queueId, had, known));
    }

    public async Task UpsertAgent(string agentId, AgentSettings settings)
    {
        var had = state.State.Agents.TryGetValue(agentId, out var known);
        state.State.Agents[agentId] = settings;
        await state.WriteOrUndo(() => Restore(state.State.Agents, agentId, had, known));
        _board.UpsertAgent(settings.ToProfile(agentId));
    }

    public async Task UpsertSequence(string sequenceId, string triggerSource)
    {
        if (state.State.TriggerSources.TryGetValue(sequenceId, out var known) && known == triggerSource)
        {
            return;
        }

        var had = state.State.TriggerSources.ContainsKey(sequenceId);
        state.State.TriggerSources[sequenceId] = triggerSource;
        await state.WriteOrUndo(() => Restore(state.State.TriggerSources, sequenceId, had, known));
    }

    public async Task<DispatchApplied> Apply(DispatchSlice slice)
    {
        await Fence.Admit(slice.Epoch, GrainFactory);
        var now = clock.Now;
        List<RoutedReply>? routed = null;
        List<SliceRejection>? rejected = null;
        foreach (var e in slice.Events)
        {
            var at = e.At > now ? now : e.At;
            switch (e.Kind)
            {
                case DispatchEventKind.Route when _router is { } router && e.Reply is { } reply:
                    (routed ??= []).Add(Route(router, e, reply, at));
                    break;
                case DispatchEventKind.Route:
                    (rejected ??= []).Add(new SliceRejection(
                        e.Index, "reply.queue_id", "is required: the tenant has no routing rules"));
                    break;
                case DispatchEventKind.Open when e.Reply is { } reply:
                    Open(e, reply, at);
                    break;
                case DispatchEventKind.Respond when InItsQueue(e):
                    _board.Answered(e.ConversationId, e.AgentId, at);
                    _outcomes?.Answered(e.ConversationId, at);
                    break;
                case DispatchEventKind.Resolve when InItsQueue(e):
                    _board.Resolved(e.ConversationId, at);
                    _outcomes?.Resolved(e.ConversationId);
                    break;
                case DispatchEventKind.Presence when state.State.Agents.ContainsKey(e.AgentId):
                    _board.SetPresence(e.AgentId, e.Online, at);
                    break;
            }
        }

        return new DispatchApplied(
            routed ?? (IReadOnlyList<RoutedReply>)[], rejected ?? (IReadOnlyList<SliceRejection>)[]);
    }

    public async Task Reset()
    {
        await Fence.Forget();
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Fence.Deactivating(reason);

    /// <summary>
    /// Whether a response or a resolution names the queue the board holds its conversation in, or names none. The
    /// queue it names refuses it unless the conversation is open there: one naming another queue changes nothing.
    /// </summary>
    private bool InItsQueue(in DispatchEvent e) =>
        e.QueueId.Length == 0 || _board.QueueOf(e.ConversationId) == e.QueueId;

    private static void Restore<T>(Dictionary<string, T> entries, string key, bool had, T? known)
    {
        if (had)
        {
            entries[key] = known!;
        }
        else
        {
            entries.Remove(key);
        }
    }

    public Task<RoutingReport> GetRouting()
    {
        var now = clock.Now;
        var waitingByQueue = state.State.ReplyWindows.Keys
            .Select(q => (Queue: q, Waiting: _board.WaitingIn(q)))
            .Where(q => q.Waiting > 0)
            .ToDictionary(q => q.Queue, q => q.Waiting, StringComparer.Ordinal);
        var board = new BoardFigures(
            _board.WaitingCount, waitingByQueue, _board.OldestWait(now)?.TotalSeconds,
            [.. _board.Loads(now).Select(l => l.ToContract())]);
        return Task.FromResult(new RoutingReport(_tenantId, state.State.Routing, Variants(), board, now));
    }

    public Task<IReadOnlyList<ConversationOffer>> Listen(string agentId, IAssignmentObserver observer)
    {
        _listeners.Listen(agentId, observer);
        return Task.FromResult<IReadOnlyList<ConversationOffer>>(
            [.. _board.OffersTo(agentId, clock.Now).Select(o => o.ToContract(_tenantId))]);
    }

    public Task StopListening(string agentId, IAssignmentObserver observer)
    {
        _listeners.Stop(agentId, observer);
        return Task.CompletedTask;
    }

    public Task<OfferReceipt> Acknowledge(string agentId, string conversationId) =>
        Receipt(conversationId, _board.Acknowledge(conversationId, agentId, clock.Now));

    public Task<OfferReceipt> Decline(string agentId, string conversationId) =>
        Receipt(conversationId, _board.Decline(conversationId, agentId, clock.Now));

    private static Task<OfferReceipt> Receipt(string conversationId, bool accepted) =>
        Task.FromResult(new OfferReceipt(conversationId, accepted, accepted ? "" : NotYours));

    /// <summary>Builds the router, or gives the one there is new rules, keeping what it remembers.</summary>
    private void UseRules(RoutingSettings settings)
    {
        var control = settings.Control.ToRules();
        var trial = settings.Trial?.ToRules();
        if (_router is null)
        {
            _router = new Router(control, trial, settings.TrialPercent, options.Value.RouterMemory);
        }
        else
        {
            _router.Reconfigure(control, trial, settings.TrialPercent);
        }

        _outcomes = new TrialOutcomes(_router.Trial);
    }

    private async Task Start()
    {
        await ReadPresence();
        var interval = options.Value.DispatchInterval;
        _timer ??= this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(interval, interval));
    }

    /// <summary>Presence as the agents' grains know it, for agents who came online before routing began.</summary>
    private async Task ReadPresence()
    {
        var read = await Task.WhenAll(state.State.Agents.Keys.Select(async id =>
        {
            try
            {
                return await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Of(_tenantId, id)).GetFigures();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarningPresenceUnread(ex, _tenantId, id);
                return null;
            }
        }));
        var now = clock.Now;
        foreach (var agent in read.OfType<AgentFigures>())
        {
            _board.SetPresence(agent.AgentId, agent.Presence == Presence.Online, now);
        }
    }

    private RoutedReply Route(Router router, in DispatchEvent e, ReplyFacts reply, DateTimeOffset at)
    {
        var inbound = Inbound(e.ConversationId, reply, at);

        // A reply to a conversation that waits for a human already joins it where it is.
        if (_board.QueueOf(e.ConversationId) is { } queue)
        {
            router.Observe(inbound);
            return new RoutedReply(e.Index, IsSenior(queue) ? RouteTier.Senior : RouteTier.Overflow, queue, false);
        }

        var decision = router.Route(inbound);
        if (decision.Tier == Capacity.RouteTier.Bot)
        {
            return new RoutedReply(e.Index, RouteTier.Bot, "", false);
        }

        var context = router.Handoff(inbound, TriggerOf(reply.SequenceId), Transcript(reply));
        if (Enqueue(e.ConversationId, decision.QueueId, at, context) is { } deadline)
        {
            _outcomes?.Follow(e.ConversationId, decision.Variant, at, deadline);
        }

        return new RoutedReply(e.Index, decision.Tier.ToContract(), decision.QueueId, context.Escalated);
    }

    private void Open(in DispatchEvent e, ReplyFacts reply, DateTimeOffset at)
    {
        var inbound = Inbound(e.ConversationId, reply, at);
        _router?.Observe(inbound);
        var trigger = TriggerOf(reply.SequenceId);
        var context = _router?.Handoff(inbound, trigger, Transcript(reply))
            ?? new HandoffContext(trigger, reply.SequenceId, reply.Step, Transcript(reply), reply.LifetimeValue, 0, 0);
        if (reply.AutomatedTouches > context.AutomatedTouches)
        {
            context = context with { AutomatedTouches = reply.AutomatedTouches };
        }

        Enqueue(e.ConversationId, e.QueueId, at, context);
    }

    /// <returns>The conversation's deadline, or null if the board holds it already or knows no such queue.</returns>
    private DateTimeOffset? Enqueue(string conversationId, string queueId, DateTimeOffset at, HandoffContext context)
    {
        if (!state.State.ReplyWindows.TryGetValue(queueId, out var window))
        {
            logger.LogWarningUnknownQueue(_tenantId, conversationId, queueId);
            return null;
        }

        var tier = IsSenior(queueId) ? AgentTier.Senior : (AgentTier?)null;
        var deadline = at + window;
        return _board.Enqueue(new WaitingConversation(conversationId, queueId, tier, at, deadline, context))
            ? deadline
            : null;
    }

    private Task Tick(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        _outcomes?.Advance(now);
        var offers = _board.Dispatch(now);
        if (offers.Count == 0)
        {
            return Task.CompletedTask;
        }

        logger.LogDebugOffers(_tenantId, offers.Count);
        foreach (var (observer, batch) in _listeners.Route(offers.Select(o => o.ToContract(_tenantId))))
        {
            try
            {
                // One-way: a host that is gone costs nothing, and its agents' offers time out.
                _ = observer.OnOffers(batch);
            }
            catch (Exception ex)
            {
                logger.LogWarningOffersUnsent(ex, _tenantId);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Control first, then the trial if one is set, with zeros for a variant nothing reached yet.</summary>
    private IReadOnlyList<VariantFigures> Variants()
    {
        if (_router is null || state.State.Routing is not { } routing)
        {
            return [];
        }

        var seen = _router.Trial.Figures().ToDictionary(f => f.Variant, StringComparer.Ordinal);
        string[] names = routing.Trial is null ? [Router.ControlVariant] : [Router.ControlVariant, Router.TrialVariant];
        return
        [
            .. names.Select(n => seen.TryGetValue(n, out var f)
                ? f.ToContract()
                : new VariantFigures(n, 0, 0, 0, 0, 0, 0, null, null)),
        ];
    }

    /// <summary>The senior queue of either variant: only senior agents take its conversations.</summary>
    private bool IsSenior(string queueId) => state.State.Routing is { } routing &&
        (routing.Control.SeniorQueueId == queueId || routing.Trial?.SeniorQueueId == queueId);

    private string TriggerOf(string sequenceId) => state.State.TriggerSources.GetValueOrDefault(sequenceId, "");

    private static string? Transcript(ReplyFacts reply) => reply.BotTranscript.Length == 0 ? null : reply.BotTranscript;

    private static InboundReply Inbound(string conversationId, ReplyFacts reply, DateTimeOffset at) => new(
        conversationId, reply.ContactId, reply.SequenceId, reply.Step, reply.Intent.Length == 0 ? null : reply.Intent,
        reply.LifetimeValue, reply.Complaint, at);
}
