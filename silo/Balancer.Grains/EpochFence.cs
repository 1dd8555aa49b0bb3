using Balancer.Contracts.Grains;

namespace Balancer.Grains;

/// <summary>The part of a grain's stored state that says which epoch's figures it holds in memory.</summary>
public interface IFiguresState
{
    /// <summary>
    /// The tenant epoch whose figures the grain held when it last started holding any; 0 once it dropped
    /// them on purpose. An activation that finds the current epoch here lost them with its silo.
    /// </summary>
    long FiguresEpoch { get; set; }
}

/// <summary>
/// Keeps a grain's in-memory figures to one epoch of its tenant. The first change after activation joins the
/// current epoch, recording it in the grain's stored state, unless the stored state says the grain already held
/// figures of that epoch: then its silo was lost with them, and the tenant hears of it so it rebuilds them all.
/// A change of another epoch is refused, so nothing computed before a rebuild lands after it.
/// </summary>
/// <remarks>
/// Does nothing when <see cref="RecoveryOptions.Enabled"/> is off: with no journal, nothing is rebuilt.
/// </remarks>
internal sealed class EpochFence<TState>(IPersistentState<TState> state, bool enabled, string tenantId, string grain)
    where TState : IFiguresState
{
    private bool _lost;

    /// <summary>The epoch of the figures in memory; 0 before the first change.</summary>
    public long Epoch { get; private set; }

    /// <summary>
    /// On activation: if the stored state says the grain held figures of the current epoch, they were lost
    /// with its silo, and the tenant hears of it now rather than at the next change. The tenant's cadence
    /// reads every grain each period, so a lost one is found within a period of its silo's death.
    /// </summary>
    /// <remarks>Not for the ingest gate, which the tenant's own activation calls.</remarks>
    public async Task Inspect(IGrainFactory grains)
    {
        if (!enabled || state.State.FiguresEpoch == 0)
        {
            return;
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        if ((await tenant.GetEpoch()).Epoch == state.State.FiguresEpoch)
        {
            _lost = true;
            await tenant.ReportLoss(grain, state.State.FiguresEpoch);
        }
    }

    /// <summary>Joins the current epoch if this is the first change, then refuses any other epoch.</summary>
    public async ValueTask Admit(long epoch, IGrainFactory grains)
    {
        if (!enabled)
        {
            return;
        }

        if (_lost)
        {
            throw new TenantRecoveringException(tenantId, $"{grain} lost the figures it held when its silo stopped");
        }

        if (Epoch == 0)
        {
            await Join(grains);
        }

        if (epoch != Epoch)
        {
            throw new TenantRecoveringException(
                tenantId, $"{grain} holds the figures of epoch {Epoch}, and the change came for epoch {epoch}");
        }
    }

    /// <summary>Joins the current epoch, for a grain whose changes carry none of their own.</summary>
    public async ValueTask<long> Current(IGrainFactory grains)
    {
        if (_lost)
        {
            throw new TenantRecoveringException(tenantId, $"{grain} lost the figures it held when its silo stopped");
        }

        if (enabled && Epoch == 0)
        {
            await Join(grains);
        }

        return Epoch;
    }

    /// <summary>Records that the grain holds no figures, before it deactivates to drop them.</summary>
    public async Task Forget()
    {
        if (!enabled || state.State.FiguresEpoch == 0)
        {
            return;
        }

        var held = state.State.FiguresEpoch;
        state.State.FiguresEpoch = 0;
        await state.WriteOrUndo(() => state.State.FiguresEpoch = held);
        Epoch = 0;
    }

    /// <summary>
    /// On deactivation: idle past its age limit, the grain's windows are empty, so dropping its figures loses
    /// nothing a rebuild would restore, and it says so. Any other end (its silo shutting down, above all)
    /// leaves the record, so the next activation finds the loss.
    /// </summary>
    public Task Deactivating(DeactivationReason reason) =>
        reason.ReasonCode == DeactivationReasonCode.ActivationIdle ? Forget() : Task.CompletedTask;

    private async Task Join(IGrainFactory grains)
    {
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        var status = await tenant.GetEpoch();
        if (state.State.FiguresEpoch == status.Epoch)
        {
            await tenant.ReportLoss(grain, status.Epoch);
            throw new TenantRecoveringException(tenantId, $"{grain} lost the figures it held when its silo stopped");
        }

        var held = state.State.FiguresEpoch;
        state.State.FiguresEpoch = status.Epoch;
        await state.WriteOrUndo(() => state.State.FiguresEpoch = held);
        Epoch = status.Epoch;
    }
}
