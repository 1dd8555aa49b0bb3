using Npgsql;

namespace Balancer.Access.Tests;

/// <summary>What a durable host's journal holds, read from its PostgreSQL table as an operator would.</summary>
public sealed class JournaledEvents(string connectionString)
{
    /// <summary>The events journaled for <paramref name="tenantId"/>, over all its batches.</summary>
    public async Task<long> EventsOf(string tenantId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(events), 0) FROM balancer_journal WHERE tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("tenant", tenantId);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
