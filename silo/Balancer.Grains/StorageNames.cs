namespace Balancer.Grains;

public static class StorageNames
{
    /// <summary>The grain storage that holds configuration: in memory by default.</summary>
    public const string Balancer = "balancer";
}
