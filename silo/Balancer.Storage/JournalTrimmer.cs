using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Balancer.Storage;

/// <summary>
/// Keeps the journal to its <see cref="JournalOptions.Retention"/>: at start and then every
/// <see cref="JournalOptions.TrimInterval"/>, deletes the entries appended before now less the retention. A
/// failed trim is logged as a warning and tried again at the next interval; it never stops the host.
/// </summary>
public sealed class JournalTrimmer(
    IEventJournal journal, IOptions<JournalOptions> options, TimeProvider time, ILogger<JournalTrimmer> logger)
    : BackgroundService
{
    /// <summary>Trims until the host stops.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.Retention;
        var interval = options.Value.TrimInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var before = time.GetUtcNow() - retention;
            try
            {
                var trimmed = await journal.Trim(before, stoppingToken);
                logger.LogInformationJournalTrimmed(trimmed, before);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarningJournalTrimFailed(e, before);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
