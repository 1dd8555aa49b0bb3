using Balancer.Capacity;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Balancer.Grains;

[GenerateSerializer, Alias("balancer.SequenceState")]
public sealed class SequenceState : IFiguresState
{
    [Id(0)]
    public SequenceSettings? Settings { get; set; }

    [Id(1)]
    public long FiguresEpoch { get; set; }
}

/// <summary>
/// Holds a sequence's <see cref="SequenceLedger"/>: its sends, the replies and human work they
/// caused, and the breaches its steps are blamed for. Pushes a snapshot when its figures changed.
/// </summary>
[CollectionAgeLimit(Hours = 25)]
public sealed class SequenceGrain(
    [PersistentState("sequence", StorageNames.Balancer)] IPersistentState<SequenceState> state,
    BalancerClock clock,
    IOptions<ThresholdOptions> thresholds,
    IOptions<LiveOptions> liveOptions,
    IOptions<AdmissionOptions> admission,
    IOptions<RecoveryOptions> recovery,
    ILogger<SequenceGrain> logger) : Grain, ISequenceGrain
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly SequenceLedger _ledger = new(thresholds.Value.RepeatEngagementWindow);
    private string _tenantId = "";
    private string _sequenceId = "";
    private SendAdmission? _admission;
    private SequenceAllowance? _allowance;

    /// <summary>Each step's sends asked for and not granted at its latest admission request.</summary>
    private readonly Dictionary<int, int> _waiting = [];
    private bool _dirty;
    private DateTimeOffset _lastPrune;
    private EpochFence<SequenceState>? _fence;

    private EpochFence<SequenceState> Fence => _fence ??= new EpochFence<SequenceState>(
        state, recovery.Value.Enabled, _tenantId, $"sequence {_sequenceId}");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _sequenceId) = GrainKeys.Split(this.GetPrimaryKeyString());
        await Fence.Inspect(GrainFactory);
        var interval = liveOptions.Value.SnapshotInterval;
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(interval, interval));
    }

    public async Task Configure(SequenceSettings settings)
    {
        var previous = state.State.Settings;
        state.State.Settings = settings;
        await state.WriteOrUndo(() => state.State.Settings = previous);
        _dirty = true;
        logger.LogInformationSequenceConfigured(_tenantId, _sequenceId, settings.Steps.Count);
    }

    public async Task<SequenceApplied> Apply(SequenceSlice slice)
    {
        await Fence.Admit(slice.Epoch, GrainFactory);
        var now = clock.Now;
        int entries = 0, repeats = 0;
        foreach (var e in slice.Events)
        {
            var at = e.At > now ? now : e.At;
            switch (e.Kind)
            {
                case SequenceEventKind.Send:
                    entries += e.Step == SequenceLedger.FirstStep ? 1 : 0;
                    repeats += _ledger.RecordSend(e.Step, e.Channel.ToCapacity(), e.ContactId, at) ? 1 : 0;
                    break;
                case SequenceEventKind.Reply:
                    _ledger.RecordReply(e.Step, e.NeedsHuman, at, e.ContactId);
                    break;
                case SequenceEventKind.BotResolved:
                    _ledger.RecordBotResolved(e.Step, at);
                    break;
                case SequenceEventKind.Escalated:
                    _ledger.RecordEscalated(e.Step, at);
                    break;
                case SequenceEventKind.Conversion:
                    _ledger.RecordConversion(e.Step, at);
                    break;
            }
        }

        _dirty = true;
        return new SequenceApplied(entries, repeats);
    }

    public async Task RecordOutcomes(IReadOnlyList<StepOutcomes> outcomes, DateTimeOffset at, long epoch)
    {
        await Fence.Admit(epoch, GrainFactory);
        foreach (var o in outcomes)
        {
            if (o.Breaches != 0)
            {
                _ledger.RecordBreaches(o.Step, o.Breaches, at);
            }

            if (o.Resolved != 0)
            {
                _ledger.RecordResolved(o.Step, o.Resolved, at);
            }
        }

        _dirty = true;
    }

    public Task<SequenceFigures> GetFigures() => Task.FromResult(Figures(clock.Now));

    public Task Allow(SequenceAllowance allowance)
    {
        var d = allowance.Directive;
        _admission ??= new SendAdmission(_sequenceId, admission.Value);
        _allowance = allowance;
        _admission.Update(
            new CadenceDirective(_sequenceId, d.Grade.ToGrade(), d.StretchFactor, d.HoldUntil, d.Reason, false),
            allowance.MinutesPerSend, allowance.MinutesPerHour, clock.Now);
        return Task.CompletedTask;
    }

    public Task<AdmissionResult> Admit(int step, int count)
    {
        if (_admission is null)
        {
            // Until the tenant's first decision reaches it (within one cadence period of activation),
            // a sequence sends as planned.
            return Task.FromResult(new AdmissionResult(count, null, DirectiveGrade.Normal, "no directive yet"));
        }

        var grant = _admission.Admit(step, count, clock.Now);
        _waiting[step] = count - grant.Granted;
        return Task.FromResult(
            new AdmissionResult(grant.Granted, grant.RetryAfter, grant.Grade.ToDirectiveGrade(), grant.Reason));
    }

    public async Task Reset()
    {
        await Fence.Forget();
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Fence.Deactivating(reason);

    private async Task Tick(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        if (now - _lastPrune >= PruneInterval)
        {
            _lastPrune = now;
            _ledger.Prune(now);
        }

        if (_dirty && state.State.Settings is not null)
        {
            _dirty = false;
            try
            {
                await GrainFactory.GetGrain<INotifierGrain>(0)
                    .Publish(new LiveUpdate(_tenantId, null, null, Figures(now)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarningPublishFailed(ex, _tenantId);
            }
        }
    }

    private SequenceFigures Figures(DateTimeOffset now)
    {
        var settings = state.State.Settings
            ?? throw new InvalidOperationException($"Sequence {_sequenceId} is not configured.");
        var steps = _ledger.Steps.Select(s => Step(s.Key, s.Value, now)).ToList();
        var total = new StepFigures(
            0,
            _ledger.Total(t => t.Sends, now).ToCounts(),
            _ledger.Total(t => t.Replies, now).ToCounts(),
            _ledger.Total(t => t.HumanReplies, now).ToCounts(),
            _ledger.Total(t => t.BotResolved, now).ToCounts(),
            _ledger.Total(t => t.Escalated, now).ToCounts(),
            _ledger.Total(t => t.Conversions, now).ToCounts(),
            _ledger.Total(t => t.Breaches, now).ToCounts(),
            FigureMapping.RateOf(_ledger.Total(t => t.Replies, now), _ledger.Total(t => t.Sends, now)),
            FigureMapping.RateOf(_ledger.Total(t => t.HumanReplies, now), _ledger.Total(t => t.Replies, now)),
            ChannelTotals(steps),
            _ledger.Total(t => t.Resolved, now).ToCounts());
        return new SequenceFigures(
            _tenantId, _sequenceId, settings.DisplayName, settings.Channel, settings.TriggerSource, settings.Urgent,
            settings.Steps.Count, total, steps, _ledger.Entries(now).ToCounts(), _ledger.RepeatEntries(now).ToCounts(),
            now, Admission(now), settings.QueueId, [.. settings.Steps.Select(s => s.Delay)],
            new SequencePace(
                _ledger.SendsSinceStart, _ledger.HumanRepliesSinceStart, _ledger.FirstSendAt,
                _ledger.ReplyLag(now).Seconds(), _waiting.Values.Sum()));
    }

    private AdmissionFigures? Admission(DateTimeOffset now) => _admission is { } a && _allowance is { } allowance
        ? new AdmissionFigures(
            allowance.MinutesPerSend, allowance.MinutesPerHour, a.AvailableMinutes(now), a.GrantedTotal,
            a.DeferredTotal)
        : null;

    private static StepFigures Step(int step, StepTally t, DateTimeOffset now)
    {
        var sends = t.Sends.Sums(now);
        var replies = t.Replies.Sums(now);
        var human = t.HumanReplies.Sums(now);
        var byChannel = new Dictionary<Contracts.Model.Channel, Counts>();
        foreach (var channel in Enum.GetValues<Capacity.Channel>())
        {
            if (t.SendsOn(channel) is { } counter)
            {
                byChannel[(Contracts.Model.Channel)(int)channel] = counter.Sums(now).ToCounts();
            }
        }

        return new StepFigures(
            step, sends.ToCounts(), replies.ToCounts(), human.ToCounts(), t.BotResolved.Sums(now).ToCounts(),
            t.Escalated.Sums(now).ToCounts(), t.Conversions.Sums(now).ToCounts(), t.Breaches.Sums(now).ToCounts(),
            FigureMapping.RateOf(replies, sends), FigureMapping.RateOf(human, replies), byChannel,
            t.Resolved.Sums(now).ToCounts());
    }

    private static Dictionary<Contracts.Model.Channel, Counts> ChannelTotals(List<StepFigures> steps)
    {
        var totals = new Dictionary<Contracts.Model.Channel, Counts>();
        foreach (var (channel, counts) in steps.SelectMany(s => s.SendsByChannel))
        {
            var sum = totals.GetValueOrDefault(channel, Counts.Zero);
            totals[channel] = new Counts(
                sum.FifteenMinutes + counts.FifteenMinutes, sum.OneHour + counts.OneHour, sum.OneDay + counts.OneDay);
        }

        return totals;
    }
}
