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
}

/// <summary>
/// A tenant's catalog and rollup. Judges the tenant-wide figures against their thresholds on every
/// report and once a second, so a warning also recovers when its window empties, and keeps the
/// current warnings of the tenant and its queues.
/// </summary>
[CollectionAgeLimit(Hours = 25)]
public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Balancer)] IPersistentState<TenantState> state,
    BalancerClock clock,
    IOptions<ThresholdOptions> thresholds,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private static readonly TimeSpan EvaluateInterval = TimeSpan.FromSeconds(1);

    private readonly ThresholdOptions _thresholds = thresholds.Value;
    private readonly TenantLedger _ledger = new(thresholds.Value);
    private readonly Dictionary<string, LiveWarning> _warnings = new(StringComparer.Ordinal);
    private TenantCatalog? _catalog;
    private string _tenantId = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tenantId = this.GetPrimaryKeyString();
        this.RegisterGrainTimer(
            _ => Evaluate(clock.Now), new GrainTimerCreationOptions(EvaluateInterval, EvaluateInterval));
        return Task.CompletedTask;
    }

    public async Task<bool> UpsertQueue(string queueId, QueueSettings settings)
    {
        await GrainFactory.GetGrain<IQueueGrain>(GrainKeys.Of(_tenantId, queueId)).Configure(settings);
        return await AddToCatalog(state.State.QueueIds, queueId);
    }

    public async Task<bool> UpsertAgent(string agentId, AgentSettings settings)
    {
        await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Of(_tenantId, agentId)).Configure(settings);
        return await AddToCatalog(state.State.AgentIds, agentId);
    }

    public async Task<bool> UpsertSequence(string sequenceId, SequenceSettings settings)
    {
        await GrainFactory.GetGrain<ISequenceGrain>(GrainKeys.Of(_tenantId, sequenceId)).Configure(settings);
        var steps = state.State.SequenceSteps;
        var created = !steps.TryGetValue(sequenceId, out var known);
        if (created || known != settings.Steps.Count)
        {
            steps[sequenceId] = settings.Steps.Count;
            await Changed();
        }

        return created;
    }

    public Task<TenantCatalog> GetCatalog() => Task.FromResult(Catalog());

    public async Task Record(TenantActivityReport activity, DateTimeOffset at)
    {
        var now = clock.Now;
        _ledger.Record(new TenantActivity(
            activity.Sends, activity.HumanReplies, activity.BotReplies, activity.Escalated, activity.Entries,
            activity.RepeatEntries, activity.Met, activity.Breached), at > now ? now : at);
        await Evaluate(now);
    }

    public async Task ReportWarning(LiveWarning warning)
    {
        Keep(warning);
        await Publish(warning);
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

    private async Task<bool> AddToCatalog(HashSet<string> ids, string id)
    {
        if (!ids.Add(id))
        {
            return false;
        }

        await Changed();
        return true;
    }

    private async Task Changed()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        _catalog = null;
    }

    private TenantCatalog Catalog() => _catalog ??= new TenantCatalog(
        state.State.Version,
        new HashSet<string>(state.State.QueueIds, StringComparer.Ordinal),
        new HashSet<string>(state.State.AgentIds, StringComparer.Ordinal),
        new Dictionary<string, int>(state.State.SequenceSteps, StringComparer.Ordinal));

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
        await Publish(warning);
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

    private async Task Publish(LiveWarning warning)
    {
        try
        {
            await GrainFactory.GetGrain<INotifierGrain>(0).Publish(new LiveUpdate(_tenantId, warning, null, null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarningPublishFailed(ex, _tenantId);
        }
    }
}
