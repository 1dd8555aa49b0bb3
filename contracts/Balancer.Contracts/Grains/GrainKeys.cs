namespace Balancer.Contracts.Grains;

/// <summary>
/// Keys of tenant-owned grains: the tenant id, a slash, the entity id. Ids are validated at the
/// edge to exclude the slash, so a key splits back unambiguously.
/// </summary>
public static class GrainKeys
{
    public const char Separator = '/';

    public static string Of(string tenantId, string entityId) => string.Concat(tenantId, "/", entityId);

    public static (string TenantId, string EntityId) Split(string key)
    {
        var at = key.IndexOf(Separator);
        if (at <= 0 || at == key.Length - 1)
        {
            throw new FormatException($"Grain key '{key}' is not of the form tenant/entity.");
        }

        return (key[..at], key[(at + 1)..]);
    }
}
