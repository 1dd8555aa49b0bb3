using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Balancer.Api.Access;

/// <summary>
/// Answers a gRPC call that fails authentication or authorization with a gRPC status saying why,
/// UNAUTHENTICATED or PERMISSION_DENIED, rather than the bare HTTP 401 or 403 clients would show as a protocol
/// error. Everything else, the live hub included, gets ASP.NET Core's own answer.
/// </summary>
public sealed class AccessResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(
        RequestDelegate next, HttpContext context, AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !TrailersOnly.IsGrpc(context.Request))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        if (authorizeResult.Challenged)
        {
            var reason = context.Items[ApiKeyHandler.FailureItem] as string ??
                "an API key or a bearer token is required, as 'authorization: Bearer <key>'";
            return TrailersOnly.Write(context, StatusCode.Unauthenticated, $"Unauthenticated: {reason}.");
        }

        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).Where(r => r != Callers.Operator).Distinct().ToList();
        var needed = roles.Count == 1 ? $"the {roles[0]} role" : $"one of the roles {string.Join(", ", roles)}";
        var held = context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList();
        return TrailersOnly.Write(context, StatusCode.PermissionDenied,
            $"Permission denied: this call needs {needed}; the credential holds " +
            (held.Count == 0 ? "none." : string.Join(", ", held) + "."));
    }
}
