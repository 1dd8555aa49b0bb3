using System.Text.Encodings.Web;
using Balancer.Contracts.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Access;

/// <summary>
/// Authenticates a call by the API key or the bootstrap key it presents as <c>authorization: Bearer</c>, or, on
/// the live hub, where browsers cannot set headers on a WebSocket, as the <c>access_token</c> query parameter.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes, ILoggerFactory logger, UrlEncoder encoder,
    KeyResolver keys, IOptions<AuthOptions> options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "BalancerKey";

    /// <summary>
    /// Where a failed authentication leaves its reason for <see cref="AccessResults"/> to answer with.
    /// </summary>
    public const string FailureItem = "balancer:auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (options.Value.BootstrapKey is { Length: > 0 } bootstrap && ApiKeyTokens.SameSecret(token, bootstrap))
        {
            return Success(Callers.OperatorOf(SchemeName));
        }

        if (!ApiKeyTokens.TryParse(token, out var keyId, out var secret))
        {
            return Failure("the bearer token is not a Balancer API key");
        }

        var grant = await keys.Resolve(keyId);
        if (grant is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                grant.SecretHash, ApiKeyTokens.Hash(secret)))
        {
            return Failure("the API key is not known");
        }

        return grant.Revoked
            ? Failure($"the API key {keyId} was revoked")
            : Success(Callers.Of(grant.TenantId, grant.Roles, SchemeName, keyId));
    }

    /// <summary>The bearer token a request carries, if any.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        return request.Path.StartsWithSegments(LiveHubContract.Path) &&
            request.Query["access_token"].ToString() is { Length: > 0 } query
            ? query
            : null;
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));

    private AuthenticateResult Failure(string reason)
    {
        Context.Items[FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }
}
