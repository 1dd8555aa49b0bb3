using Microsoft.Extensions.Configuration;

namespace Balancer.Hosting;

/// <summary>
/// Which Orleans cluster a silo or a client belongs to. Section <c>Balancer:Cluster</c>, read by the silo
/// process and the api alike; every process of one deployment must agree on both.
/// </summary>
public sealed class ClusterIdentityOptions
{
    public const string Section = "Balancer:Cluster";

    private const int MaxLength = 100;

    /// <summary>
    /// The cluster's id: silos with the same id find each other in the membership table, and a client only
    /// connects to gateways of its id. Default: balancer. Range: 1 to 100 characters, no white space.
    /// </summary>
    public string ClusterId { get; set; } = "balancer";

    /// <summary>
    /// The service's id, part of every grain state row's key: it must stay the same across deployments
    /// for the state to be found again. Default: balancer. Range: 1 to 100 characters, no white space.
    /// </summary>
    public string ServiceId { get; set; } = "balancer";

    /// <summary>Reads the section from <paramref name="configuration"/>.</summary>
    public static ClusterIdentityOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();

    /// <summary>Sets both ids on Orleans' own cluster options.</summary>
    public void ApplyTo(Orleans.Configuration.ClusterOptions orleans)
    {
        ArgumentNullException.ThrowIfNull(orleans);
        orleans.ClusterId = ClusterId;
        orleans.ServiceId = ServiceId;
    }

    /// <summary>The problems of these options, each naming its option; none when they are valid.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[] { (nameof(ClusterId), ClusterId), (nameof(ServiceId), ServiceId) })
        {
            if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value.Any(char.IsWhiteSpace))
            {
                yield return $"{Section}:{name} must be 1 to {MaxLength} characters without white space; " +
                    $"it is '{value}'.";
            }
        }
    }
}
