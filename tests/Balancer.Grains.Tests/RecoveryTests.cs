using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Orleans.Core.Internal;

namespace Balancer.Grains.Tests;

public sealed class RecoveryTests(RecoveryFixture fixture) : IClassFixture<RecoveryFixture>
{
    [Fact]
    public async Task Claim_IdsSeenInAnEarlierBatch_ComeBackAsDuplicatesOfTheFirstEpoch()
    {
        var gate = fixture.Client.GetGrain<IIngestGateGrain>(Ids.Tenant("gate"));

        var first = await gate.Claim(Fingerprints(11, 12, 13), null, null).WaitAsync(Limits.Call);
        var second = await gate.Claim(Fingerprints(13, 14, 11), null, null).WaitAsync(Limits.Call);

        Assert.Equal(1, first.Epoch);
        Assert.Empty(first.Duplicates);
        Assert.Equal(1, second.Epoch);
        Assert.Equal([0, 2], second.Duplicates);
    }

    [Fact]
    public async Task Apply_SequenceLostItsFigures_RefusedAndNewBatchesWaitForTheRebuild()
    {
        var tenantId = Ids.Tenant("lost");
        var (tenant, sequence) = await Configured(tenantId);
        var gate = fixture.Client.GetGrain<IIngestGateGrain>(tenantId);
        var epoch = (await gate.Claim(Fingerprints(1), null, null).WaitAsync(Limits.Call)).Epoch;
        await sequence.Apply(Sends(epoch, 2)).WaitAsync(Limits.Call);

        await Lose(sequence);

        var lost = await Assert.ThrowsAsync<TenantRecoveringException>(
            () => sequence.Apply(Sends(epoch, 1)).WaitAsync(Limits.Call));
        Assert.Contains("sequence welcome lost the figures it held", lost.Message);
        var status = await Eventually.Until(() => tenant.GetEpoch(), s => s.Recovering, Limits.Timer);
        Assert.Equal(new EpochStatus(1, true), status);
        var closed = await Assert.ThrowsAsync<TenantRecoveringException>(
            () => gate.Claim(Fingerprints(2), null, null).WaitAsync(Limits.Call));
        Assert.Contains("new batches wait until the journal is replayed", closed.Message);
    }

    [Fact]
    public async Task BeginRecovery_AfterALoss_ResetsEveryGrainIntoTheNextEpochAndRefusesTheOldOne()
    {
        var tenantId = Ids.Tenant("rebuild");
        var (tenant, sequence) = await Configured(tenantId);
        var gate = fixture.Client.GetGrain<IIngestGateGrain>(tenantId);
        await gate.Claim(Fingerprints(1, 2), null, null).WaitAsync(Limits.Call);
        await sequence.Apply(Sends(1, 5)).WaitAsync(Limits.Call);
        await tenant.Record(new TenantActivityReport(5, 0, 0, 0, 0, 0, 0, 0), fixture.Now, 1).WaitAsync(Limits.Call);

        var lease = await tenant.BeginRecovery(Guid.NewGuid()).WaitAsync(Limits.Call);

        Assert.NotNull(lease);
        Assert.Equal(2, lease.Epoch);
        Assert.Null(await tenant.BeginRecovery(Guid.NewGuid()).WaitAsync(Limits.Call));
        Assert.Equal(0, (await sequence.GetFigures().WaitAsync(Limits.Call)).Total.Sends.FifteenMinutes);
        Assert.Equal(0, (await tenant.GetFigures().WaitAsync(Limits.Call)).Sends.FifteenMinutes);

        // The replay claims the ids again and applies in the new epoch; whatever comes for the old one is refused.
        var replayed = await gate.Claim(Fingerprints(1, 2), fixture.Now, lease.Epoch).WaitAsync(Limits.Call);
        Assert.Empty(replayed.Duplicates);
        await sequence.Apply(Sends(2, 3)).WaitAsync(Limits.Call);
        await tenant.Record(new TenantActivityReport(3, 0, 0, 0, 0, 0, 0, 0), fixture.Now, 2).WaitAsync(Limits.Call);
        var stale = await Assert.ThrowsAsync<TenantRecoveringException>(
            () => sequence.Apply(Sends(1, 4)).WaitAsync(Limits.Call));
        Assert.Contains("holds the figures of epoch 2, and the change came for epoch 1", stale.Message);
        await Assert.ThrowsAsync<TenantRecoveringException>(() => tenant
            .Record(new TenantActivityReport(4, 0, 0, 0, 0, 0, 0, 0), fixture.Now, 1).WaitAsync(Limits.Call));
        await Assert.ThrowsAsync<TenantRecoveringException>(
            () => gate.Claim(Fingerprints(3), null, null).WaitAsync(Limits.Call));

        Assert.True(await tenant.EndRecovery(lease.Token).WaitAsync(Limits.Call));

        Assert.Equal(new EpochStatus(2, false), await tenant.GetEpoch().WaitAsync(Limits.Call));
        var live = await gate.Claim(Fingerprints(2, 3), null, null).WaitAsync(Limits.Call);
        Assert.Equal(2, live.Epoch);
        Assert.Equal([0], live.Duplicates);
        Assert.Equal(3, (await sequence.GetFigures().WaitAsync(Limits.Call)).Total.Sends.FifteenMinutes);
        Assert.Equal(3, (await tenant.GetFigures().WaitAsync(Limits.Call)).Sends.FifteenMinutes);
    }

    [Fact]
    public async Task EndRecovery_LeaseSpoiltByALossMeanwhile_IsRefusedAndTheNextRebuildMovesOn()
    {
        var tenantId = Ids.Tenant("spoilt");
        var (tenant, sequence) = await Configured(tenantId);
        var lease = await tenant.BeginRecovery(Guid.NewGuid()).WaitAsync(Limits.Call);
        Assert.NotNull(lease);
        await sequence.Apply(Sends(lease.Epoch, 1)).WaitAsync(Limits.Call);

        await Lose(sequence);
        await Assert.ThrowsAsync<TenantRecoveringException>(
            () => sequence.Apply(Sends(lease.Epoch, 1)).WaitAsync(Limits.Call));
        await Eventually.Until(() => tenant.RenewRecovery(lease.Token), renewed => renewed is null, Limits.Timer);

        Assert.False(await tenant.EndRecovery(lease.Token).WaitAsync(Limits.Call));
        var next = await tenant.BeginRecovery(Guid.NewGuid()).WaitAsync(Limits.Call);
        Assert.NotNull(next);
        Assert.Equal(lease.Epoch + 1, next.Epoch);
        await sequence.Apply(Sends(next.Epoch, 1)).WaitAsync(Limits.Call);
        Assert.True(await tenant.EndRecovery(next.Token).WaitAsync(Limits.Call));
    }

    [Fact]
    public async Task BeginRecovery_SameHolderAgain_TakesItsLeaseOverInTheNextEpochAndOthersWait()
    {
        var tenantId = Ids.Tenant("again");
        var (tenant, _) = await Configured(tenantId);
        var (holder, other) = (Guid.NewGuid(), Guid.NewGuid());
        // The holder's first answer is dropped, as when its call ends in a timeout after the lease was taken.
        _ = await tenant.BeginRecovery(holder).WaitAsync(Limits.Call);

        Assert.Null(await tenant.BeginRecovery(other).WaitAsync(Limits.Call));
        var lease = await tenant.BeginRecovery(holder).WaitAsync(Limits.Call);

        Assert.NotNull(lease);
        Assert.Equal(new RecoveryLease(holder, 3, lease.ExpiresAt), lease);
        Assert.Equal(new EpochStatus(3, true), await tenant.GetEpoch().WaitAsync(Limits.Call));
        Assert.False(await tenant.EndRecovery(other).WaitAsync(Limits.Call));
        Assert.True(await tenant.EndRecovery(holder).WaitAsync(Limits.Call));
        Assert.Equal(new EpochStatus(3, false), await tenant.GetEpoch().WaitAsync(Limits.Call));
    }

    private async Task<(ITenantGrain Tenant, ISequenceGrain Sequence)> Configured(string tenantId)
    {
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertSequence("welcome", Events.Sequence(steps: 3)).WaitAsync(Limits.Call);
        return (tenant, fixture.Client.GetGrain<ISequenceGrain>(GrainKeys.Of(tenantId, "welcome")));
    }

    private static EventIds Fingerprints(params ulong[] ids) => EventIds.From(ids);

    private SequenceSlice Sends(long epoch, int count) =>
        new([.. Enumerable.Range(0, count).Select(i => Events.Send(1, $"c{i}", Channel.Email, fixture.Now))], epoch);

    /// <summary>Deactivates the grain as a lost silo would: its memory goes, its stored state stays.</summary>
    private static async Task Lose(IGrain grain)
    {
        // The next call waits for the deactivation to run, then activates the grain afresh.
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask().WaitAsync(Limits.Call);
    }
}
