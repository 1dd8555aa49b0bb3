using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Balancer.Hosting;

/// <summary>
/// Whether Balancer is durable, and how its database is brought up to date. Section <c>Balancer:Storage</c>;
/// the connection string itself is <c>ConnectionStrings:Balancer</c>.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Balancer:Storage";

    /// <summary>The name of the connection string under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Balancer";

    /// <summary>The configuration key of the connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    /// <summary>
    /// The PostgreSQL connection string, read from <c>ConnectionStrings:Balancer</c>. Set, the cluster's
    /// membership and the grains' state are kept in that database; empty, the cluster runs on localhost
    /// clustering and the grains' state in memory. Default: empty.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// When durable, apply Balancer's migrations before Orleans starts. Runs from several processes at once
    /// wait for each other; turn it off where a one-shot <c>balancer migrate</c> runs first. Default: true.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Whether a connection string is set, and so membership and grain state are in PostgreSQL.</summary>
    public bool IsDurable => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Reads the section and the connection string from <paramref name="configuration"/>.</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<StorageOptions>() ?? new StorageOptions();
        options.ConnectionString = configuration.GetConnectionString(ConnectionStringName);
        return options;
    }

    /// <summary>The problems of these options, each naming its option; none when they are valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (!IsDurable)
        {
            yield break;
        }

        NpgsqlConnectionStringBuilder? parsed = null;
        string? problem = null;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException e)
        {
            // The message names the keyword at fault, never the string, which may hold a password.
            problem = e.Message;
        }

        if (problem is not null)
        {
            yield return $"{ConnectionStringKey} is not a PostgreSQL connection string: {problem}";
        }
        else if (string.IsNullOrWhiteSpace(parsed!.Host))
        {
            yield return $"{ConnectionStringKey} must name a Host.";
        }
    }

    /// <summary>The server and database the connection string names, for logs: never its password.</summary>
    internal (string Host, string Database) Describe()
    {
        var parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
        return ($"{parsed.Host}:{parsed.Port}", parsed.Database ?? parsed.Username ?? "");
    }
}
