using Microsoft.Extensions.Logging;

namespace Balancer.Storage;

/// <summary>The storage's log messages. Event ids 3000 to 3999; a retired id is never reused.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(3000, LogLevel.Information, "Applied migration {Version} ({Name})")]
    public static partial void LogInformationMigrationApplied(this ILogger logger, int version, string name);

    [LoggerMessage(3001, LogLevel.Information, "Database schema up to date at version {Version}")]
    public static partial void LogInformationSchemaUpToDate(this ILogger logger, int version);

    [LoggerMessage(3002, LogLevel.Debug, "Waiting for the migration lock {LockKey}")]
    public static partial void LogDebugWaitingForLock(this ILogger logger, long lockKey);

    [LoggerMessage(3003, LogLevel.Warning, "Journal group of {Batches} batches ({Bytes} bytes) was not written")]
    public static partial void LogWarningJournalGroupFailed(
        this ILogger logger, Exception exception, int batches, long bytes);

    [LoggerMessage(3004, LogLevel.Information, "Trimmed {Count} journal entries appended before {Before}")]
    public static partial void LogInformationJournalTrimmed(this ILogger logger, long count, DateTimeOffset before);

    [LoggerMessage(3005, LogLevel.Warning, "Trimming the journal entries appended before {Before} failed")]
    public static partial void LogWarningJournalTrimFailed(
        this ILogger logger, Exception exception, DateTimeOffset before);

    [LoggerMessage(
        3006,
        LogLevel.Warning,
        "The journal's writer did not stop within {Timeout} of being cancelled; its pending appends failed")]
    public static partial void LogWarningJournalWriterStuck(this ILogger logger, TimeSpan timeout);
}
