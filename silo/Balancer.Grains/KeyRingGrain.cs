using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains;

[GenerateSerializer, Alias("balancer.KeyRingState")]
public sealed class KeyRingState
{
    [Id(0)]
    public List<ApiKeyInfo> Keys { get; set; } = [];
}

/// <summary>
/// A tenant's API keys. Issuing writes the key's own grain first, so a key listed here always exists;
/// revoking refuses the key there first, so a key shown revoked here is refused.
/// </summary>
public sealed class KeyRingGrain(
    [PersistentState("keyring", StorageNames.Balancer)] IPersistentState<KeyRingState> state,
    BalancerClock clock) : Grain, IKeyRingGrain
{
    public async Task<ApiKeyInfo> Issue(string keyId, string name, KeyRoles roles, byte[] secretHash)
    {
        var tenantId = this.GetPrimaryKeyString();
        await GrainFactory.GetGrain<IApiKeyGrain>(keyId).Issue(tenantId, roles, secretHash);
        var key = new ApiKeyInfo(keyId, tenantId, name, roles, clock.Now, null);
        state.State.Keys.Add(key);
        await state.WriteOrUndo(() => state.State.Keys.Remove(key));
        return key;
    }

    public Task<IReadOnlyList<ApiKeyInfo>> List() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>([.. state.State.Keys.AsEnumerable().Reverse()]);

    public async Task<ApiKeyInfo?> Revoke(string keyId)
    {
        var at = state.State.Keys.FindIndex(k => k.KeyId == keyId);
        if (at < 0)
        {
            return null;
        }

        var key = state.State.Keys[at];
        if (key.RevokedAt is not null)
        {
            return key;
        }

        await GrainFactory.GetGrain<IApiKeyGrain>(keyId).Revoke();
        var revoked = key with { RevokedAt = clock.Now };
        state.State.Keys[at] = revoked;
        await state.WriteOrUndo(() => state.State.Keys[at] = key);
        return revoked;
    }
}
