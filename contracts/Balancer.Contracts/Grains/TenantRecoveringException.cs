namespace Balancer.Contracts.Grains;

/// <summary>
/// A tenant's figures are being rebuilt from its journal, or a grain found it had lost them: the
/// call changed nothing, and the caller retries once the rebuild is done (the api answers UNAVAILABLE).
/// </summary>
[GenerateSerializer, Alias("balancer.TenantRecoveringException")]
public sealed class TenantRecoveringException : Exception
{
    public TenantRecoveringException()
    {
    }

    public TenantRecoveringException(string message)
        : base(message)
    {
    }

    public TenantRecoveringException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TenantRecoveringException(string tenantId, string reason)
        : base($"Tenant {tenantId} is rebuilding its figures from the journal: {reason}.")
    {
        TenantId = tenantId;
    }

    [Id(0)]
    public string TenantId { get; init; } = "";
}
