using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>
/// One API key, looked up by its id when a call presents it. Key: the key id, which the key itself
/// carries. Written only through the tenant's <see cref="IKeyRingGrain"/>.
/// </summary>
[Alias("balancer.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Records a new key. Fails if the id was issued before.</summary>
    [Alias("Issue")]
    Task Issue(string tenantId, KeyRoles roles, byte[] secretHash);

    /// <summary>What the key grants; null for an id never issued.</summary>
    [Alias("Grant")]
    Task<ApiKeyGrant?> Grant();

    /// <summary>Refuses the key from now on.</summary>
    [Alias("Revoke")]
    Task Revoke();
}

/// <summary>The API keys of one tenant, revoked ones included. Key: the tenant id.</summary>
[Alias("balancer.IKeyRingGrain")]
public interface IKeyRingGrain : IGrainWithStringKey
{
    /// <summary>Issues a key of this tenant with the given id, name and roles.</summary>
    [Alias("Issue")]
    Task<ApiKeyInfo> Issue(string keyId, string name, KeyRoles roles, byte[] secretHash);

    /// <summary>The keys, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ApiKeyInfo>> List();

    /// <summary>Revokes one of this tenant's keys; null when the tenant has no key of that id.</summary>
    [Alias("Revoke")]
    Task<ApiKeyInfo?> Revoke(string keyId);
}
