using Balancer.Capacity;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Balancer.Grains;

[GenerateSerializer, Alias("balancer.AgentState")]
public sealed class AgentState : IFiguresState
{
    [Id(0)]
    public AgentSettings? Settings { get; set; }

    [Id(1)]
    public long FiguresEpoch { get; set; }
}

/// <summary>Holds an agent's <see cref="AgentLedger"/> and presence.</summary>
[CollectionAgeLimit(Hours = 25)]
public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Balancer)] IPersistentState<AgentState> state,
    BalancerClock clock,
    IOptions<RecoveryOptions> recovery,
    ILogger<AgentGrain> logger) : Grain, IAgentGrain
{
    private readonly AgentLedger _ledger = new();
    private string _tenantId = "";
    private string _agentId = "";
    private Presence _presence = Presence.Offline;
    private EpochFence<AgentState>? _fence;

    private EpochFence<AgentState> Fence => _fence ??= new EpochFence<AgentState>(
        state, recovery.Value.Enabled, _tenantId, $"agent {_agentId}");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _agentId) = GrainKeys.Split(this.GetPrimaryKeyString());
        await Fence.Inspect(GrainFactory);
        if (state.State.Settings is { } settings)
        {
            Apply(settings);
        }

    }

    public async Task Configure(AgentSettings settings)
    {
        var previous = state.State.Settings;
        state.State.Settings = settings;
        await state.WriteOrUndo(() => state.State.Settings = previous);

        Apply(settings);
        logger.LogInformationAgentConfigured(_tenantId, _agentId, settings.Tier.ToString(), settings.Slots);
    }

    public async Task Apply(AgentSlice slice)
    {
        await Fence.Admit(slice.Epoch, GrainFactory);
        var now = clock.Now;
        foreach (var e in slice.Events)
        {
            var at = e.At > now ? now : e.At;
            switch (e.Kind)
            {
                case AgentEventKind.Presence:
                    _presence = e.Presence;
                    break;
                case AgentEventKind.Response:
                    _ledger.RecordResponse(e.ConversationId, e.First, e.Escalated, at);
                    break;
                case AgentEventKind.Closure:
                    _ledger.RecordClosure(e.ConversationId, at);
                    break;
            }
        }
    }

    public async Task Reset()
    {
        await Fence.Forget();
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Fence.Deactivating(reason);

    public Task<AgentFigures> GetFigures()
    {
        var settings = state.State.Settings
            ?? throw new InvalidOperationException($"Agent {_agentId} is not configured.");
        var now = clock.Now;
        return Task.FromResult(new AgentFigures(
            _tenantId, _agentId, settings.DisplayName, settings.Tier, _presence, _ledger.Slots, _ledger.SlotsInUse,
            _ledger.DailyCeiling, _ledger.RepliesToday(now), _ledger.FirstResponses(now).ToCounts(),
            _ledger.Closures(now).ToCounts(), _ledger.EscalatedShare(now), now,
            _ledger.HandleTime(now).Seconds()));
    }

    private void Apply(AgentSettings settings)
    {
        _ledger.Slots = settings.Slots;
        _ledger.DailyCeiling = settings.DailyCeiling;
    }
}
