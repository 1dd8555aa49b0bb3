using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Balancer.Storage.Tests;

public sealed class JournalTrimmerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Trimmer_FirstTrimFails_TrimsAgainAtTheNextIntervalAndKeepsRunning()
    {
        var time = new FakeTimeProvider(Start);
        var journal = new TrimRecorder(time, failures: 1);
        var options = new JournalOptions { Retention = TimeSpan.FromDays(3), TrimInterval = TimeSpan.FromMinutes(10) };
        using var trimmer = new JournalTrimmer(
            journal, Options.Create(options), time, NullLogger<JournalTrimmer>.Instance);

        await trimmer.StartAsync(CancellationToken.None).WaitAsync(Limit);
        var first = await journal.Trims.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        var next = journal.Trims.Reader.ReadAsync().AsTask();
        using (var deadline = new CancellationTokenSource(Limit))
        {
            // The trimmer may not be waiting yet when time first moves, so move it until the next trim comes.
            while (!next.IsCompleted && !deadline.IsCancellationRequested)
            {
                time.Advance(options.TrimInterval);
                await Task.WhenAny(next, Task.Delay(20, deadline.Token));
            }
        }

        var second = await next.WaitAsync(Limit);
        await trimmer.StopAsync(CancellationToken.None).WaitAsync(Limit);

        Assert.Equal((Start, Start.AddDays(-3)), first);
        Assert.True(second.Now >= Start + options.TrimInterval, $"trimmed again at {second.Now}");
        Assert.Equal(second.Now.AddDays(-3), second.Before);
        Assert.True(trimmer.ExecuteTask!.IsCompletedSuccessfully);
    }

    /// <summary>A journal that records each trim, with the time it came, and fails the first few.</summary>
    private sealed class TrimRecorder(TimeProvider time, int failures) : IEventJournal
    {
        private int _failures = failures;

        public Channel<(DateTimeOffset Now, DateTimeOffset Before)> Trims { get; } =
            Channel.CreateUnbounded<(DateTimeOffset, DateTimeOffset)>();

        public Task Append(
            string tenantId,
            ReadOnlyMemory<byte> batch,
            int events,
            DateTimeOffset at,
            CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<JournalEntry>> Read(
            string tenantId, long after, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<string>> Tenants(CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<long> Trim(DateTimeOffset before, CancellationToken cancellationToken)
        {
            Trims.Writer.TryWrite((time.GetUtcNow(), before));
            return Interlocked.Decrement(ref _failures) >= 0
                ? Task.FromException<long>(new JournalUnavailableException("a test says so."))
                : Task.FromResult(5L);
        }
    }
}
