using Balancer.Capacity;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Balancer.Grains;

[GenerateSerializer, Alias("balancer.TenantState")]
public sealed class TenantState
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public HashSet<string> QueueIds { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public HashSet<string> AgentIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each sequence's number of steps, which bounds the steps its events may name.</summary>
    [Id(3)]
    public Dictionary<string, int> SequenceSteps { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The tenant has routing rules, kept by its dispatch grain.</summary>
    [Id(4)]
    public bool Routed { get; set; }

    /// <summary>The epoch of the tenant's figures (<see cref="EpochStatus"/>); 1 until the first rebuild.</summary>
    [Id(5)]
    public long Epoch { get; set; }

    /// <summary>The epoch whose rollup the grain held when it last held one; see <see cref="IFiguresState"/>.</summary>
    [Id(6)]
    public long FiguresEpoch { get; set; }
}

/// <summary>
/// A tenant's catalog and rollup. Judges the tenant-wide figures against their thresholds on every
/// report and once a second, so a warning also recovers when its window empties, and keeps the
/// current warnings of the tenant and its queues. Every cadence period it gathers its queues' and
/// sequences' figures, lets its <see cref="CadenceController"/> decide each sequence's directive, and
/// publishes every change to the live views and the senders' ingest streams. Passes what routing and
/// assignment need of each queue, agent and sequence to its dispatch grain as they are configured.
/// </summary>
[CollectionAgeLimit(Hours = 25)]
public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Balancer)] IPersistentState<TenantState> state,
    BalancerClock clock,
    IOptions<ThresholdOptions> thresholds,
    IOptions<CadenceOptions> cadence,
    IOptions<AdmissionOptions> admission,
    IOptions<RecoveryOptions> recovery,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private static readonly TimeSpan EvaluateInterval = TimeSpan.FromSeconds(1);

    /// <summary>Directive changes kept for queries; older ones are dropped.</summary>
    private const int HistoryLength = 200;

    private readonly ThresholdOptions _thresholds = thresholds.Value;
    private readonly RecoveryOptions _recovery = recovery.Value;
    private TenantLedger _ledger = new(thresholds.Value);
    private readonly Dictionary<string, LiveWarning> _warnings = new(StringComparer.Ordinal);
    private readonly CadenceController _controller = new(cadence.Value, new Random());
    private readonly SortedDictionary<string, SequenceDirective> _directives = new(StringComparer.Ordinal);
    private readonly LinkedList<SequenceDirective> _history = new();
    private readonly ArrivalProfile _arrivals = new();
    private TenantCatalog? _catalog;
    private string _tenantId = "";

    /// <summary>Some of the tenant's figures were lost; none may change until they are rebuilt.</summary>
    private bool _needsRecovery;
    private RecoveryLease? _lease;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tenantId = this.GetPrimaryKeyString();
        if (state.State.Epoch == 0)
        {
            // Stored with the next write; until then every activation starts from the same first epoch.
            state.State.Epoch = 1;
        }

        if (_recovery.Enabled && state.State.FiguresEpoch == state.State.Epoch)
        {
            // The rollup of this epoch was in memory on a silo that is gone.
            logger.LogWarningFiguresLost(_tenantId, "the tenant's rollup");
            _needsRecovery = true;
            await Gate.Close();
        }

        this.RegisterGrainTimer(
            _ => Evaluate(clock.Now), new GrainTimerCreationOptions(EvaluateInterval, EvaluateInterval));
        var period = cadence.Value.Period;
        this.RegisterGrainTimer(Rebalance, new GrainTimerCreationOptions(period, period));
    }

    public async Task<bool> UpsertQueue(string queueId, QueueSettings settings)
    {
        await GrainFactory.GetGrain<IQueueGrain>(GrainKeys.Of(_tenantId, queueId)).Configure(settings);
        await Dispatch.UpsertQueue(queueId, settings.ReplyWindow);
        return await AddToCatalog(state.State.QueueIds, queueId);
    }

    public async Task<bool> UpsertAgent(string agentId, AgentSettings settings)
    {
        await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Of(_tenantId, agentId)).Configure(settings);
        await Dispatch.UpsertAgent(agentId, settings);
        return await AddToCatalog(state.State.AgentIds, agentId);
    }

    public async Task<bool> UpsertSequence(string sequenceId, SequenceSettings settings)
    {
        await GrainFactory.GetGrain<ISequenceGrain>(GrainKeys.Of(_tenantId, sequenceId)).Configure(settings);
        await Dispatch.UpsertSequence(sequenceId, settings.TriggerSource);
        var steps = state.State.SequenceSteps;
        var created = !steps.TryGetValue(sequenceId, out var known);
        if (created || known != settings.Steps.Count)
        {
            steps[sequenceId] = settings.Steps.Count;
            await Changed(() =>
            {
                if (created)
                {
                    steps.Remove(sequenceId);
                }
                else
                {
                    steps[sequenceId] = known;
                }
            });
        }

        return created;
    }

    public async Task<bool> SetRouting(RoutingSettings settings)
    {
        await Dispatch.Configure(settings);
        if (state.State.Routed)
        {
            return false;
        }

        state.State.Routed = true;
        await Changed(() => state.State.Routed = false);
        return true;
    }

    public Task<TenantCatalog> GetCatalog() => Task.FromResult(Catalog());

    public async Task Record(TenantActivityReport activity, DateTimeOffset at, long epoch)
    {
        if (_recovery.Enabled)
        {
            await Admit(epoch);
        }

        var now = clock.Now;
        _ledger.Record(new TenantActivity(
            activity.Sends, activity.HumanReplies, activity.BotReplies, activity.Escalated, activity.Entries,
            activity.RepeatEntries, activity.Met, activity.Breached), at > now ? now : at);
        await Evaluate(now);
    }

    public Task<EpochStatus> GetEpoch() =>
        Task.FromResult(new EpochStatus(state.State.Epoch, _needsRecovery || _lease is not null));

    public async Task ReportLoss(string grain, long epoch)
    {
        if (epoch < state.State.Epoch)
        {
            // Sent before the rebuild that began since; it reset the grain, whose loss no longer matters.
            return;
        }

        logger.LogWarningFiguresLost(_tenantId, grain);

        // A loss during a rebuild spoils it too: the lease ends, and its holder starts over.
        _lease = null;
        _needsRecovery = true;
        await Gate.Close();
    }

    public async Task<RecoveryLease?> BeginRecovery(Guid holder)
    {
        var now = clock.Now;
        if (_lease is { } held && held.ExpiresAt > now && held.Token != holder)
        {
            return null;
        }

        var previous = (state.State.Epoch, state.State.FiguresEpoch);
        var epoch = state.State.Epoch + 1;
        state.State.Epoch = epoch;
        state.State.FiguresEpoch = epoch;
        await state.WriteOrUndo(() => (state.State.Epoch, state.State.FiguresEpoch) = previous);

        var lease = new RecoveryLease(holder, epoch, now + _recovery.LeaseDuration);
        _lease = lease;
        _needsRecovery = false;
        _ledger = new TenantLedger(_thresholds);
        _warnings.Clear();
        logger.LogInformationRecoveryBegun(_tenantId, epoch);

        // Every grain that holds figures drops them; what they did before is refused by epoch from now on.
        var grains = state.State.QueueIds.Select(id => (IRecoverableGrain)GrainFactory.GetGrain<IQueueGrain>(
                GrainKeys.Of(_tenantId, id)))
            .Concat(state.State.AgentIds.Select(id => GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Of(_tenantId, id))))
            .Concat(state.State.SequenceSteps.Keys.Select(
                id => GrainFactory.GetGrain<ISequenceGrain>(GrainKeys.Of(_tenantId, id))))
            .Append(Dispatch)
            .Append(Gate);
        await Task.WhenAll(grains.Select(g => g.Reset()));
        return lease;
    }

    public Task<RecoveryLease?> RenewRecovery(Guid token)
    {
        if (_lease?.Token != token)
        {
            return Task.FromResult<RecoveryLease?>(null);
        }

        _lease = _lease with { ExpiresAt = clock.Now + _recovery.LeaseDuration };
        return Task.FromResult<RecoveryLease?>(_lease);
    }

    public async Task<bool> EndRecovery(Guid token)
    {
        if (_lease?.Token != token)
        {
            return false;
        }

        await Gate.Open(state.State.Epoch);
        _lease = null;
        logger.LogInformationRecoveryEnded(_tenantId, state.State.Epoch);
        return true;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Idle past its age limit, the rollup's windows are empty: dropping it loses nothing a rebuild would
        // restore. Any other end (its silo shutting down, above all) keeps the loss visible.
        if (_recovery.Enabled && reason.ReasonCode == DeactivationReasonCode.ActivationIdle &&
            state.State.FiguresEpoch != 0)
        {
            state.State.FiguresEpoch = 0;
            await state.WriteStateAsync();
        }
    }

    public async Task ReportWarning(LiveWarning warning)
    {
        Keep(warning);
        await Publish(new LiveUpdate(_tenantId, warning, null, null));
    }

    public Task<TenantFigures> GetFigures()
    {
        var now = clock.Now;
        Rates Over(Func<RollingWindow, DateTimeOffset, double?> rate) => new(
            rate(RollingWindow.FifteenMinutes, now), rate(RollingWindow.OneHour, now), rate(RollingWindow.OneDay, now));

        return Task.FromResult(new TenantFigures(
            _tenantId,
            Over(_ledger.BreachRate),
            _ledger.Met(now).ToCounts(),
            _ledger.Breached(now).ToCounts(),
            _ledger.Sends(now).ToCounts(),
            _ledger.HumanReplies(now).ToCounts(),
            Over(_ledger.SendsPerHumanReply),
            Over(_ledger.EscalationRate),
            Over(_ledger.RepeatEngagement),
            [.. _warnings.Values.OrderBy(v => v.Key, StringComparer.Ordinal)],
            Catalog(),
            now));
    }

    public Task<DirectiveReport> GetDirectives() =>
        Task.FromResult(new DirectiveReport(_tenantId, [.. _directives.Values], [.. _history], clock.Now));

    private async Task Rebalance(CancellationToken cancellationToken)
    {
        // While the figures are rebuilt they are partial: a decision on them would be wrong.
        if (state.State.SequenceSteps.Count == 0 || _needsRecovery || _lease is not null)
        {
            return;
        }

        QueueFigures[] queues;
        SequenceFigures[] sequences;
        AgentFigures[] agents;
        try
        {
            queues = await Task.WhenAll(state.State.QueueIds.Select(
                id => GrainFactory.GetGrain<IQueueGrain>(GrainKeys.Of(_tenantId, id)).GetFigures()));
            sequences = await Task.WhenAll(state.State.SequenceSteps.Keys.Select(
                id => GrainFactory.GetGrain<ISequenceGrain>(GrainKeys.Of(_tenantId, id)).GetFigures()));
            agents = await Task.WhenAll(state.State.AgentIds.Select(
                id => GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Of(_tenantId, id)).GetFigures()));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarningRebalanceFailed(ex, _tenantId);
            return;
        }

        var now = clock.Now;
        var input = CadenceReader.Read(
            now, _ledger.BreachLevel.Level, _ledger.SendsLevel.Level, queues, sequences, agents, _arrivals,
            _thresholds.MinimumSample, cadence.Value, admission.Value);
        var decisions = _controller.Decide(input);
        foreach (var decided in decisions)
        {
            var known = _directives.GetValueOrDefault(decided.SequenceId);
            var directive = new SequenceDirective(
                _tenantId, decided.SequenceId, decided.Grade.ToDirectiveGrade(), known?.Grade ?? DirectiveGrade.Normal,
                decided.StretchFactor, decided.HoldUntil, decided.Reason, now);

            // A renewed hold is a change senders must hear of; a first decision that leaves a
            // sequence as it was is not.
            var changed = known is null
                ? directive.Grade != DirectiveGrade.Normal
                : directive.Grade != known.Grade || directive.HoldUntil != known.HoldUntil;
            if (!changed)
            {
                _directives.TryAdd(decided.SequenceId, directive);
                continue;
            }

            _directives[decided.SequenceId] = directive;

            _history.AddFirst(directive);
            if (_history.Count > HistoryLength)
            {
                _history.RemoveLast();
            }

            logger.LogInformationDirective(
                _tenantId, directive.SequenceId, directive.PreviousGrade.ToString(), directive.Grade.ToString(),
                directive.Reason);
            await Publish(new LiveUpdate(_tenantId, null, null, null, directive));
        }

        var allowances = CadenceReader.Allowances(input, decisions, _directives, cadence.Value);
        try
        {
            await Task.WhenAll(allowances.Select(a => GrainFactory
                .GetGrain<ISequenceGrain>(GrainKeys.Of(_tenantId, a.Directive.SequenceId)).Allow(a)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarningRebalanceFailed(ex, _tenantId);
        }
    }

    private async Task<bool> AddToCatalog(HashSet<string> ids, string id)
    {
        if (!ids.Add(id))
        {
            return false;
        }

        await Changed(() => ids.Remove(id));
        return true;
    }

    /// <summary>
    /// Stores a change of the catalog; on failure undoes it in memory too, so the catalog in effect is always
    /// the stored one and a retry writes the change again.
    /// </summary>
    private async Task Changed(Action undo)
    {
        state.State.Version++;
        await state.WriteOrUndo(() =>
        {
            state.State.Version--;
            undo();
        });

        _catalog = null;
    }

    /// <summary>Refuses a change of another epoch, or any while the figures wait to be rebuilt.</summary>
    private async Task Admit(long epoch)
    {
        if (_needsRecovery)
        {
            throw new TenantRecoveringException(_tenantId, "some of its figures were lost and wait to be rebuilt");
        }

        if (epoch != state.State.Epoch)
        {
            throw new TenantRecoveringException(
                _tenantId, $"the tenant's rollup is in epoch {state.State.Epoch}, and the change came for {epoch}");
        }

        if (state.State.FiguresEpoch != epoch)
        {
            var held = state.State.FiguresEpoch;
            state.State.FiguresEpoch = epoch;
            await state.WriteOrUndo(() => state.State.FiguresEpoch = held);
        }
    }

    private TenantCatalog Catalog() => _catalog ??= new TenantCatalog(
        state.State.Version,
        new HashSet<string>(state.State.QueueIds, StringComparer.Ordinal),
        new HashSet<string>(state.State.AgentIds, StringComparer.Ordinal),
        new Dictionary<string, int>(state.State.SequenceSteps, StringComparer.Ordinal),
        state.State.Routed);

    private IDispatchGrain Dispatch => GrainFactory.GetGrain<IDispatchGrain>(_tenantId);

    private IIngestGateGrain Gate => GrainFactory.GetGrain<IIngestGateGrain>(_tenantId);

    private async Task Evaluate(DateTimeOffset now)
    {
        var window = _thresholds.WarningWindow;
        await Judge(WarningMetric.BreachRate, _ledger.BreachLevel, _ledger.BreachRate(window, now), now);
        await Judge(WarningMetric.SendsPerHumanReply, _ledger.SendsLevel, _ledger.SendsPerHumanReply(window, now), now);
        await Judge(WarningMetric.EscalationRate, _ledger.EscalationLevel, _ledger.EscalationRate(window, now), now);
    }

    private async Task Judge(WarningMetric metric, ThresholdTracker tracker, double? value, DateTimeOffset now)
    {
        var previous = tracker.Level;
        if (!tracker.Update(value))
        {
            return;
        }

        var warning = Warnings.Create(
            _tenantId, LiveWarning.TenantScope, _tenantId, metric, tracker, previous, value, null,
            _thresholds.WarningWindow, now);
        logger.LogInformationWarning(
            _tenantId, warning.Scope, _tenantId, metric.ToString(), warning.Value, previous.ToString(),
            tracker.Level.ToString());
        Keep(warning);
        await Publish(new LiveUpdate(_tenantId, warning, null, null));
    }

    private void Keep(LiveWarning warning)
    {
        if (warning.Level == WarningLevel.Normal)
        {
            _warnings.Remove(warning.Key);
        }
        else
        {
            _warnings[warning.Key] = warning;
        }
    }

    private async Task Publish(LiveUpdate update)
    {
        try
        {
            await GrainFactory.GetGrain<INotifierGrain>(0).Publish(update);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarningPublishFailed(ex, _tenantId);
        }
    }
}
