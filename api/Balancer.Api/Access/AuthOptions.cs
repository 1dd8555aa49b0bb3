namespace Balancer.Api.Access;

/// <summary>Who may call the api, and how they prove it. Section <c>Balancer:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Balancer:Auth";

    /// <summary>
    /// The bootstrap key in <c>appsettings.Development.json</c>, for a machine of one's own. Refused by a durable
    /// host: anyone who has read this file holds it.
    /// </summary>
    public const string DevelopmentBootstrapKey = "balancer-development-bootstrap-key-for-local-use-only";

    /// <summary>Characters a bootstrap key must have at least.</summary>
    public const int MinBootstrapKeyLength = 32;

    /// <summary>
    /// The deployment's own secret, presented as a bearer token like an API key: it issues, lists and revokes
    /// the keys of any tenant, so a fresh install can issue its first admin key, and does nothing else.
    /// Default: none (empty is none), so only tenants' keys and, if configured, tokens are accepted.
    /// </summary>
    public string? BootstrapKey { get; set; }

    /// <summary>
    /// How long an api host trusts what it last read of a key: a revoked key may go on working for this long
    /// on the hosts that saw it. Default: 5 s. Range: 0 to 5 minutes.
    /// </summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a host checks the credentials of its live hub connections again, ending those whose key was
    /// revoked or whose token expired. Default: 1 s. Range: 100 ms to 1 minute.
    /// </summary>
    public TimeSpan HubCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Bearer tokens of an external issuer, accepted beside the keys.</summary>
    public JwtOptions Jwt { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (BootstrapKey is { Length: > 0 } key && (key.Length < MinBootstrapKeyLength || key.Any(char.IsWhiteSpace)))
        {
            yield return $"{Section}:{nameof(BootstrapKey)} must be at least {MinBootstrapKeyLength} characters " +
                $"without white space; it is {key.Length} characters long.";
        }

        if (KeyCacheDuration < TimeSpan.Zero || KeyCacheDuration > TimeSpan.FromMinutes(5))
        {
            yield return $"{Section}:{nameof(KeyCacheDuration)} must be from 0 to 5 minutes; it is {KeyCacheDuration}.";
        }

        if (HubCheckInterval < TimeSpan.FromMilliseconds(100) || HubCheckInterval > TimeSpan.FromMinutes(1))
        {
            yield return $"{Section}:{nameof(HubCheckInterval)} must be from 100 ms to 1 minute; " +
                $"it is {HubCheckInterval}.";
        }

        foreach (var problem in Jwt.Validate($"{Section}:{nameof(Jwt)}"))
        {
            yield return problem;
        }
    }
}

/// <summary>
/// An OpenID Connect issuer whose JWTs the api accepts: signed by a key of the issuer's published set, from
/// that issuer, for <see cref="Audience"/>, in date. The tenant and the roles come from two claims of the token.
/// Off until <see cref="Authority"/> is set.
/// </summary>
public sealed class JwtOptions
{
    /// <summary>
    /// The issuer's address; its metadata is read from <c>/.well-known/openid-configuration</c> there.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be for. Required with <see cref="Authority"/>.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Whether the metadata must come over HTTPS. Default: true; only a test issuer on loopback needs false.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim naming the tenant. Default: <c>tenant</c>.</summary>
    public string TenantClaim { get; set; } = "tenant";

    /// <summary>
    /// The claim holding the roles, <c>sender</c>, <c>viewer</c> or <c>admin</c>, one per value; others are ignored.
    /// Default: <c>roles</c>.
    /// </summary>
    public string RoleClaim { get; set; } = "roles";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<string> Validate(string section)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) ||
            (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{section}:{nameof(Authority)} must be an absolute http or https address; " +
                $"it is '{Authority}'.";
        }
        else if (RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
        {
            yield return $"{section}:{nameof(Authority)} must be https while " +
                $"{section}:{nameof(RequireHttpsMetadata)} is true.";
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return $"{section}:{nameof(Audience)} is required with {section}:{nameof(Authority)}.";
        }

        if (string.IsNullOrWhiteSpace(TenantClaim))
        {
            yield return $"{section}:{nameof(TenantClaim)} must name a claim.";
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            yield return $"{section}:{nameof(RoleClaim)} must name a claim.";
        }
    }
}
