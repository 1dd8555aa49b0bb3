namespace Balancer.Contracts.Model;

/// <summary>What an API key may do; a key holds one or more.</summary>
[Flags]
[GenerateSerializer, Alias("balancer.KeyRoles")]
public enum KeyRoles
{
    None = 0,

    /// <summary>Writes events, asks for send admission, holds agents' lines.</summary>
    Sender = 1,

    /// <summary>Reads the figures, directives, advice and routing, and watches the live views.</summary>
    Viewer = 2,

    /// <summary>Changes the configuration and the routing rules, and manages the tenant's keys.</summary>
    Admin = 4,
}

/// <summary>An API key as its tenant's admins see it: everything but the secret.</summary>
/// <param name="RevokedAt">Null while the key is in force.</param>
[GenerateSerializer, Immutable, Alias("balancer.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    string KeyId, string TenantId, string Name, KeyRoles Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// What the api checks a presented key against: the SHA-256 of its secret, and what it grants.
/// </summary>
[GenerateSerializer, Immutable, Alias("balancer.ApiKeyGrant")]
public sealed record ApiKeyGrant(
    [property: Id(0)] string TenantId,
    [property: Id(1)] KeyRoles Roles,
    [property: Id(2)] byte[] SecretHash,
    [property: Id(3)] bool Revoked);
