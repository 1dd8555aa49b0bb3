using System.Globalization;
using System.Security.Claims;
using Grpc.Core;

namespace Balancer.Api.Access;

/// <summary>
/// Whether the credential a long-lived call started with still holds: an ingest stream or an agent's line checks
/// it before each message, and the live hub's connections are checked by <see cref="Live.HubCredentialWatch"/>,
/// so a key revoked, or a token expired, while the call runs ends it.
/// </summary>
public sealed class CredentialCheck(KeyResolver keys, TimeProvider time)
{
    /// <summary>Ends the call with UNAUTHENTICATED if its credential no longer holds.</summary>
    public async ValueTask Ensure(ServerCallContext context)
    {
        if (await Problem(context.GetHttpContext().User) is { } problem)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"Unauthenticated: {problem}."));
        }
    }

    /// <summary>Why the credential of <paramref name="user"/> no longer holds; null while it does.</summary>
    public async ValueTask<string?> Problem(ClaimsPrincipal user)
    {
        if (user.FindFirst(Callers.KeyClaim)?.Value is { } keyId)
        {
            return await keys.Resolve(keyId) is { Revoked: false } ? null : $"the API key {keyId} was revoked";
        }

        return user.FindFirst(Callers.ExpiresClaim)?.Value is { } expires &&
            long.Parse(expires, CultureInfo.InvariantCulture) <= time.GetUtcNow().ToUnixTimeSeconds()
                ? "the bearer token has expired"
                : null;
    }
}
