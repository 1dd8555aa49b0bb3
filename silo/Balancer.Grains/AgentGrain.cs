using Balancer.Capacity;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Logging;

namespace Balancer.Grains;

[GenerateSerializer, Alias("balancer.AgentState")]
public sealed class AgentState
{
    [Id(0)]
    public AgentSettings? Settings { get; set; }
}

/// <summary>Holds an agent's <see cref="AgentLedger"/> and presence.</summary>
[CollectionAgeLimit(Hours = 25)]
public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Balancer)] IPersistentState<AgentState> state,
    BalancerClock clock,
    ILogger<AgentGrain> logger) : Grain, IAgentGrain
{
    private readonly AgentLedger _ledger = new();
    private string _tenantId = "";
    private string _agentId = "";
    private Presence _presence = Presence.Offline;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _agentId) = GrainKeys.Split(this.GetPrimaryKeyString());
        if (state.State.Settings is { } settings)
        {
            Apply(settings);
        }

        return Task.CompletedTask;
    }

    public async Task Configure(AgentSettings settings)
    {
        state.State.Settings = settings;
        await state.WriteStateAsync();
        Apply(settings);
        logger.LogInformationAgentConfigured(_tenantId, _agentId, settings.Tier.ToString(), settings.Slots);
    }

    public Task Apply(AgentSlice slice)
    {
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

        return Task.CompletedTask;
    }

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
