using System.Security.Claims;
using Balancer.Contracts.Model;
using Grpc.Core;

namespace Balancer.Api.Access;

/// <summary>The roles as the authorization attributes name them, and what a caller's principal carries.</summary>
public static class Callers
{
    public const string Sender = "sender";
    public const string Viewer = "viewer";
    public const string Admin = "admin";

    /// <summary>The holder of the bootstrap key: manages any tenant's keys, belongs to none.</summary>
    public const string Operator = "operator";

    /// <summary>The claim naming the caller's tenant.</summary>
    public const string TenantClaim = "balancer:tenant";

    /// <summary>The claim naming the API key the caller presented.</summary>
    public const string KeyClaim = "balancer:key";

    /// <summary>The claim holding when the caller's token expires, in Unix seconds.</summary>
    public const string ExpiresClaim = "balancer:expires";

    public const string AuthenticationType = "Balancer";

    public static IEnumerable<string> Names(KeyRoles roles)
    {
        if (roles.HasFlag(KeyRoles.Sender))
        {
            yield return Sender;
        }

        if (roles.HasFlag(KeyRoles.Viewer))
        {
            yield return Viewer;
        }

        if (roles.HasFlag(KeyRoles.Admin))
        {
            yield return Admin;
        }
    }

    public static KeyRoles? Parse(string name) => name switch
    {
        Sender => KeyRoles.Sender,
        Viewer => KeyRoles.Viewer,
        Admin => KeyRoles.Admin,
        _ => null,
    };

    /// <summary>A principal of <paramref name="tenantId"/> holding <paramref name="roles"/>.</summary>
    public static ClaimsPrincipal Of(
        string tenantId, KeyRoles roles, string scheme, string? keyId = null, DateTimeOffset? expires = null)
    {
        var claims = new List<Claim> { new(TenantClaim, tenantId) };
        claims.AddRange(Names(roles).Select(r => new Claim(ClaimTypes.Role, r)));
        if (keyId is not null)
        {
            claims.Add(new Claim(KeyClaim, keyId));
        }

        if (expires is { } at)
        {
            claims.Add(new Claim(
                ExpiresClaim, at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, TenantClaim, ClaimTypes.Role));
    }

    public static ClaimsPrincipal OperatorOf(string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Role, Operator)], scheme, TenantClaim, ClaimTypes.Role));

    /// <summary>The caller's tenant; null for the bootstrap key.</summary>
    public static string? TenantOf(ClaimsPrincipal user) => user.FindFirst(TenantClaim)?.Value;

    /// <summary>
    /// The tenant of the call's credential. Every service method that reaches here has been authorized for a
    /// tenant's role, so a principal without a tenant is a fault of the wiring, answered as one.
    /// </summary>
    public static string Tenant(this ServerCallContext context) =>
        TenantOf(context.GetHttpContext().User) ??
        throw new RpcException(new Status(StatusCode.PermissionDenied, "This credential belongs to no tenant."));
}
