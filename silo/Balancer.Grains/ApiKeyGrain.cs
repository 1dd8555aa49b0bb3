using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains;

[GenerateSerializer, Alias("balancer.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)]
    public string? TenantId { get; set; }

    [Id(1)]
    public KeyRoles Roles { get; set; }

    [Id(2)]
    public byte[] SecretHash { get; set; } = [];

    [Id(3)]
    public bool Revoked { get; set; }
}

/// <summary>One API key: its tenant, its roles and the hash of its secret, persisted.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("apikey", StorageNames.Balancer)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public async Task Issue(string tenantId, KeyRoles roles, byte[] secretHash)
    {
        if (state.State.TenantId is not null)
        {
            throw new InvalidOperationException($"API key {this.GetPrimaryKeyString()} was issued already.");
        }

        state.State.TenantId = tenantId;
        state.State.Roles = roles;
        state.State.SecretHash = secretHash;
        await state.WriteOrUndo(() => state.State.TenantId = null);
    }

    public Task<ApiKeyGrant?> Grant() => Task.FromResult(state.State.TenantId is { } tenantId
        ? new ApiKeyGrant(tenantId, state.State.Roles, state.State.SecretHash, state.State.Revoked)
        : null);

    public async Task Revoke()
    {
        if (state.State.TenantId is null || state.State.Revoked)
        {
            return;
        }

        state.State.Revoked = true;
        await state.WriteOrUndo(() => state.State.Revoked = false);
    }
}
