using Microsoft.Extensions.Logging;

namespace Balancer.Hosting;

/// <summary>The hosting's log messages. Event ids 4000 to 4999; a retired id is never reused.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(4000, LogLevel.Information,
        "Balancer {Role} of cluster {ClusterId}, service {ServiceId}: membership and grain state in PostgreSQL, " +
        "database {Database} on {Host}")]
    public static partial void LogInformationDurable(
        this ILogger logger, string role, string clusterId, string serviceId, string database, string host);

    [LoggerMessage(4001, LogLevel.Information,
        "Balancer {Role} of cluster {ClusterId}, service {ServiceId}: localhost clustering and grain state in " +
        "memory, nothing durable ({ConnectionStringKey} is not set)")]
    public static partial void LogInformationInMemory(
        this ILogger logger, string role, string clusterId, string serviceId, string connectionStringKey);

    [LoggerMessage(4002, LogLevel.Information,
        "Database migrated before the {Role} started: {Count} migrations applied ({Versions}) in {ElapsedMs} ms")]
    public static partial void LogInformationMigrated(
        this ILogger logger, string role, int count, string versions, long elapsedMs);

    [LoggerMessage(4003, LogLevel.Information,
        "Not migrating on start ({Option} is false): the database must have been migrated already")]
    public static partial void LogInformationMigrationSkipped(this ILogger logger, string option);

    [LoggerMessage(4004, LogLevel.Information,
        "Balancer {Role}: TLS on {Connections}, presenting '{Subject}' (SHA-256 {Thumbprint}, valid until " +
        "{NotAfter:u}); accepting from the other side a certificate {Rule}")]
    public static partial void LogInformationTls(
        this ILogger logger, string role, string connections, string subject, string thumbprint, DateTime notAfter,
        string rule);

    [LoggerMessage(4005, LogLevel.Warning,
        "Remote certificate '{Subject}' (SHA-256 {Thumbprint}) refused: {Reason}")]
    public static partial void LogWarningRemoteCertificateRefused(
        this ILogger logger, string subject, string thumbprint, string reason);

    [LoggerMessage(4006, LogLevel.Warning,
        "This process's own certificate '{Subject}' would be refused by its own check ({Reason}): the other " +
        "processes, if configured alike, will refuse it too")]
    public static partial void LogWarningOwnCertificateRefused(this ILogger logger, string subject, string reason);
}
