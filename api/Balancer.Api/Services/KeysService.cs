using Balancer.Api.Access;
using Balancer.Api.Hosting;
using Balancer.Api.Limits;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Services;

/// <summary>
/// Issues, lists and revokes a tenant's API keys: its admins for their own tenant, the bootstrap key for the tenant
/// it names.
/// </summary>
[Authorize(Roles = $"{Callers.Admin},{Callers.Operator}")]
public sealed class KeysService(IGrainFactory grains, KeyResolver resolver, IOptions<ApiOptions> options)
    : Keys.KeysBase
{
    public override async Task<CreatedKey> CreateKey(CreateKeyRequest request, ServerCallContext context)
    {
        var tenant = TenantOf(context, request.TenantId);
        RequestFields.Text(options.Value, "name", request.Name);
        if (request.Roles.Count == 0)
        {
            throw RequestFields.Invalid("roles", "must hold at least one role");
        }

        var roles = KeyRoles.None;
        for (var i = 0; i < request.Roles.Count; i++)
        {
            roles |= request.Roles[i] switch
            {
                Role.Sender => KeyRoles.Sender,
                Role.Viewer => KeyRoles.Viewer,
                Role.Admin => KeyRoles.Admin,
                var other => throw RequestFields.Invalid(
                    $"roles[{i}]", $"must be ROLE_SENDER, ROLE_VIEWER or ROLE_ADMIN; it is {(int)other}"),
            };
        }

        var (keyId, token, hash) = ApiKeyTokens.Create();
        var key = await grains.GetGrain<IKeyRingGrain>(tenant).Issue(keyId, request.Name, roles, hash).Within(context);
        return new CreatedKey { Key = ToProto(key), Secret = token };
    }

    public override async Task<KeyList> ListKeys(ListKeysRequest request, ServerCallContext context)
    {
        var keys = await grains.GetGrain<IKeyRingGrain>(TenantOf(context, request.TenantId)).List().Within(context);
        var list = new KeyList();
        list.Keys.AddRange(keys.Select(ToProto));
        return list;
    }

    public override async Task<KeyInfo> RevokeKey(RevokeKeyRequest request, ServerCallContext context)
    {
        var tenant = TenantOf(context, request.TenantId);
        if (await grains.GetGrain<IKeyRingGrain>(tenant).Revoke(request.KeyId) is not { } key)
        {
            throw new RpcException(new Status(
                StatusCode.NotFound, $"key_id: no key '{request.KeyId}' belongs to this tenant."));
        }

        resolver.Forget(key.KeyId);
        return ToProto(key);
    }

    /// <summary>The caller's own tenant, or for the bootstrap key the one the request names.</summary>
    private string TenantOf(ServerCallContext context, string requested)
    {
        if (Callers.TenantOf(context.GetHttpContext().User) is { } own)
        {
            return requested.Length == 0
                ? own
                : throw RequestFields.Invalid("tenant_id", "may only be given with the bootstrap key");
        }

        RequestFields.Id(options.Value, "tenant_id", requested);
        return requested;
    }

    private static KeyInfo ToProto(ApiKeyInfo key)
    {
        var info = new KeyInfo
        {
            KeyId = key.KeyId,
            TenantId = key.TenantId,
            Name = key.Name,
            CreatedAtMs = key.CreatedAt.ToUnixTimeMilliseconds(),
            RevokedAtMs = key.RevokedAt?.ToUnixTimeMilliseconds() ?? 0,
        };
        info.Roles.AddRange(Callers.Names(key.Roles).Select(n => n switch
        {
            Callers.Sender => Role.Sender,
            Callers.Viewer => Role.Viewer,
            _ => Role.Admin,
        }));
        return info;
    }
}
