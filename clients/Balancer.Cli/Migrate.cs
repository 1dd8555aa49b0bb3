using Balancer.Storage;

namespace Balancer.Cli;

/// <summary>The <c>migrate</c> command: brings a PostgreSQL database to Balancer's schema.</summary>
public static class Migrate
{
    /// <summary>How long the whole migration may take, lock wait included.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<int> Run(Options options)
    {
        var connection = options.Text("connection", string.Empty);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ArgumentException("--connection is required: the PostgreSQL connection string to migrate.");
        }

        using var limit = new CancellationTokenSource(Limit);
        var applied = await BalancerMigrations.Apply(connection, limit.Token);
        Console.WriteLine(
            applied.Count == 0
                ? "The database is up to date; no migration applied."
                : $"Applied migration{(applied.Count == 1 ? "" : "s")} {string.Join(", ", applied)}.");
        return 0;
    }
}
