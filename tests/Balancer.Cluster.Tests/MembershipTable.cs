using Npgsql;

namespace Balancer.Cluster.Tests;

/// <summary>One silo's row of the membership table, as migration 2 keeps it.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, SiloStatus Status, int ProxyPort);

/// <summary>Reads the cluster's membership straight from PostgreSQL, as an operator would.</summary>
public static class MembershipTable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Every silo row of <paramref name="clusterId"/>, by port and generation.</summary>
    public static async Task<IReadOnlyList<MembershipRow>> Read(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().WaitAsync(Limit);
        await using var command = new NpgsqlCommand(
            "SELECT address, port, generation, status, coalesce(proxy_port, 0) FROM balancer_membership " +
            "WHERE deployment_id = @cluster ORDER BY port, generation",
            connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(Limit);
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync().WaitAsync(Limit))
        {
            rows.Add(new MembershipRow(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt32(2),
                (SiloStatus)reader.GetInt32(3),
                reader.GetInt32(4)));
        }

        return rows;
    }

    /// <summary>The statuses of the silo listening on <paramref name="port"/>, one per generation.</summary>
    public static async Task<IReadOnlyList<SiloStatus>> StatusesOf(
        string connectionString, string clusterId, int port) =>
        (await Read(connectionString, clusterId)).Where(r => r.Port == port).Select(r => r.Status).ToList();
}
