using Balancer.Capacity;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Balancer.Grains;

[GenerateSerializer, Alias("balancer.QueueState")]
public sealed class QueueState : IFiguresState
{
    [Id(0)]
    public QueueSettings? Settings { get; set; }

    [Id(1)]
    public long FiguresEpoch { get; set; }
}

/// <summary>
/// Holds a queue's open conversations in a <see cref="QueueLedger"/>. A short timer pops the
/// deadlines that are due, then passes the new outcomes on: met and breached counts to the tenant,
/// breaches to the sequences that caused them, level changes as warnings, and a snapshot of the
/// figures to the live views at most once per <see cref="LiveOptions.SnapshotInterval"/>.
/// </summary>
[CollectionAgeLimit(Hours = 25)]
public sealed class QueueGrain(
    [PersistentState("queue", StorageNames.Balancer)] IPersistentState<QueueState> state,
    BalancerClock clock,
    IOptions<ThresholdOptions> thresholds,
    IOptions<QueueOptions> queueOptions,
    IOptions<LiveOptions> liveOptions,
    IOptions<RecoveryOptions> recovery,
    ILogger<QueueGrain> logger) : Grain, IQueueGrain
{
    private readonly ThresholdOptions _thresholds = thresholds.Value;
    private readonly List<Breach> _breaches = [];
    private readonly Dictionary<Attribution, (int Breaches, int Resolved)> _pendingOutcomes = [];
    private readonly ThresholdTracker _level = Trackers.Breach(thresholds.Value);
    private QueueLedger? _ledger;
    private string _tenantId = "";
    private string _queueId = "";
    private long _pendingMet;
    private long _pendingBreached;
    private LiveWarning? _unreportedWarning;
    private bool _dirty;
    private long _lastSnapshotTicks;
    private EpochFence<QueueState>? _fence;

    private EpochFence<QueueState> Fence => _fence ??= new EpochFence<QueueState>(
        state, recovery.Value.Enabled, _tenantId, $"queue {_queueId}");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _queueId) = GrainKeys.Split(this.GetPrimaryKeyString());
        await Fence.Inspect(GrainFactory);
        if (state.State.Settings is { } settings)
        {
            _ledger = new QueueLedger(settings.ReplyWindow, queueOptions.Value.FirstResponseSamples);
        }

        var scan = queueOptions.Value.BreachScanInterval;
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(scan, scan) { KeepAlive = false });
    }

    public async Task Configure(QueueSettings settings)
    {
        var previous = state.State.Settings;
        state.State.Settings = settings;
        await state.WriteOrUndo(() => state.State.Settings = previous);

        if (_ledger is null)
        {
            _ledger = new QueueLedger(settings.ReplyWindow, queueOptions.Value.FirstResponseSamples);
        }
        else
        {
            _ledger.ReplyWindow = settings.ReplyWindow;
        }

        _dirty = true;
        logger.LogInformationQueueConfigured(_tenantId, _queueId, settings.ReplyWindow);
    }

    public async Task<QueueApplied> Apply(QueueSlice slice)
    {
        var ledger = _ledger ?? throw new InvalidOperationException($"Queue {_queueId} is not configured.");
        await Fence.Admit(slice.Epoch, GrainFactory);
        var now = clock.Now;
        List<SliceRejection>? rejected = null;
        var work = new List<AgentWork>();
        foreach (var e in slice.Events)
        {
            var at = e.At > now ? now : e.At;
            switch (e.Kind)
            {
                case QueueEventKind.Open:
                    ledger.Open(e.ConversationId, new Attribution(e.SequenceId, e.Step), e.Escalated, at);
                    break;
                case QueueEventKind.Respond:
                    if (!Respond(ledger, e, at, work))
                    {
                        (rejected ??= []).Add(new SliceRejection(
                            e.Index,
                            "agent_response.conversation_id",
                            "no open conversation has this id in this queue"));
                    }

                    break;
                case QueueEventKind.Resolve:
                    var resolved = ledger.Resolve(e.ConversationId, at);
                    if (!resolved.Found)
                    {
                        (rejected ??= []).Add(new SliceRejection(
                            e.Index,
                            "conversation_resolved.conversation_id",
                            "no open conversation has this id in this queue"));
                    }
                    else
                    {
                        CountResolved(resolved.Source);
                        if (resolved.AgentId is { } agent)
                        {
                            work.Add(new AgentWork(
                                agent,
                                new AgentEvent(AgentEventKind.Closure, at, default, e.ConversationId, false, false)));
                        }
                    }

                    break;
            }
        }

        _dirty = true;
        return new QueueApplied(rejected ?? (IReadOnlyList<SliceRejection>)[], work);
    }

    public async Task Reset()
    {
        await Fence.Forget();
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Fence.Deactivating(reason);

    public Task<QueueFigures> GetFigures() => Task.FromResult(Figures(clock.Now));

    private bool Respond(QueueLedger ledger, in QueueEvent e, DateTimeOffset at, List<AgentWork> work)
    {
        var outcome = ledger.Respond(e.ConversationId, e.AgentId, at);
        if (outcome.Kind == ResponseKind.Unknown)
        {
            return false;
        }

        if (outcome.Kind is ResponseKind.InTime or ResponseKind.Revoked)
        {
            _pendingMet++;
        }

        if (outcome.BreachDelta != 0)
        {
            _pendingBreached += outcome.BreachDelta;
            Blame(outcome.Source, outcome.BreachDelta);
        }

        work.Add(new AgentWork(e.AgentId, new AgentEvent(
            AgentEventKind.Response, at, default, e.ConversationId, outcome.IsFirst, outcome.Escalated)));
        return true;
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        if (_ledger is not { } ledger)
        {
            return;
        }

        var now = clock.Now;
        _breaches.Clear();
        if (ledger.Advance(now, _breaches) > 0)
        {
            logger.LogDebugBreaches(_tenantId, _queueId, _breaches.Count);
            _pendingBreached += _breaches.Count;
            foreach (var breach in _breaches)
            {
                Blame(breach.Source, 1);
            }

            _dirty = true;
        }

        try
        {
            await Report(ledger, now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarningQueueReportFailed(ex, _tenantId, _queueId);
        }
    }

    private async Task Report(QueueLedger ledger, DateTimeOffset now)
    {
        var tenant = GrainFactory.GetGrain<ITenantGrain>(_tenantId);
        if (_pendingMet != 0 || _pendingBreached != 0)
        {
            // Cleared only once the tenant has them, so a failed report is retried on the next tick.
            await tenant.Record(
                new TenantActivityReport(0, 0, 0, 0, 0, 0, _pendingMet, _pendingBreached), now, Fence.Epoch);
            _pendingMet = _pendingBreached = 0;
        }

        if (_pendingOutcomes.Count > 0)
        {
            var bySequence = _pendingOutcomes
                .GroupBy(p => p.Key.SequenceId, p => new StepOutcomes(p.Key.Step, p.Value.Breaches, p.Value.Resolved))
                .ToList();
            await Task.WhenAll(bySequence.Select(g => SendOutcomes(g.Key, [.. g], now)));
        }

        var previous = _level.Level;
        var window = _thresholds.WarningWindow;
        var rate = ledger.BreachRate(window, now, _thresholds.MinimumSample);
        if (_level.Update(rate))
        {
            _unreportedWarning = Warnings.Create(
                _tenantId, LiveWarning.QueueScope, _queueId, WarningMetric.BreachRate, _level, previous, rate,
                ledger.NextBreachIn(now).Seconds(), window, now);
            logger.LogInformationWarning(
                _tenantId, LiveWarning.QueueScope, _queueId, nameof(WarningMetric.BreachRate),
                _unreportedWarning.Value, previous.ToString(), _level.Level.ToString());
            _dirty = true;
        }

        // Kept until the tenant has it, so a failed report is retried on the next tick.
        if (_unreportedWarning is { } unreported)
        {
            await tenant.ReportWarning(unreported);
            _unreportedWarning = null;
        }

        var elapsed = Environment.TickCount64 - _lastSnapshotTicks;
        if (_dirty && elapsed >= liveOptions.Value.SnapshotInterval.TotalMilliseconds)
        {
            _dirty = false;
            _lastSnapshotTicks = Environment.TickCount64;
            await GrainFactory.GetGrain<INotifierGrain>(0).Publish(new LiveUpdate(_tenantId, null, Figures(now), null));
        }
    }

    private QueueFigures Figures(DateTimeOffset now)
    {
        var settings = state.State.Settings;
        if (_ledger is not { } ledger || settings is null)
        {
            throw new InvalidOperationException($"Queue {_queueId} is not configured.");
        }

        var frt = RollingWindows.All.Select(w => ledger.FirstResponseSeconds(w, now)).ToArray();
        var min = _thresholds.MinimumSample;
        return new QueueFigures(
            _tenantId,
            _queueId,
            settings.DisplayName,
            (int)settings.ReplyWindow.TotalSeconds,
            ledger.Waiting,
            ledger.OpenCount,
            ledger.OldestWait(now).Seconds(),
            ledger.NextBreachIn(now).Seconds(),
            new Rates(frt[0].P50, frt[1].P50, frt[2].P50),
            new Rates(frt[0].P90, frt[1].P90, frt[2].P90),
            new Rates(
                ledger.BreachRate(RollingWindow.FifteenMinutes, now, min),
                ledger.BreachRate(RollingWindow.OneHour, now, min),
                ledger.BreachRate(RollingWindow.OneDay, now, min)),
            ledger.Met(now).ToCounts(),
            ledger.Breached(now).ToCounts(),
            ledger.FirstResponses(now).ToCounts(),
            ledger.TimeToClear(now).Seconds(),
            _level.Level.ToLevel(),
            ledger.Opened(now).ToCounts(),
            now,
            settings.Live);
    }

    private async Task SendOutcomes(string sequenceId, List<StepOutcomes> outcomes, DateTimeOffset now)
    {
        await GrainFactory.GetGrain<ISequenceGrain>(GrainKeys.Of(_tenantId, sequenceId))
            .RecordOutcomes(outcomes, now, Fence.Epoch);
        foreach (var step in outcomes)
        {
            _pendingOutcomes.Remove(new Attribution(sequenceId, step.Step));
        }
    }

    private void Blame(Attribution source, int count)
    {
        if (!source.IsNone)
        {
            var (breaches, resolved) = _pendingOutcomes.GetValueOrDefault(source);
            _pendingOutcomes[source] = (breaches + count, resolved);
        }
    }

    private void CountResolved(Attribution source)
    {
        if (!source.IsNone)
        {
            var (breaches, resolved) = _pendingOutcomes.GetValueOrDefault(source);
            _pendingOutcomes[source] = (breaches, resolved + 1);
        }
    }
}
