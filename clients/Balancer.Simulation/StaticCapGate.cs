namespace Balancer.Simulation;

/// <summary>
/// The cap sequencers offer: at most so many sends per clock hour for each sequence, whatever the
/// queues look like. What the cap holds back waits, oldest first, for the next hour. Urgent
/// sequences are left uncapped, as a team would leave its invoices and password resets.
/// </summary>
internal sealed class StaticCapGate(Scenario scenario, int sendsPerHour) : ISendGate
{
    private readonly (DateTimeOffset Hour, int Used)[] _used = new (DateTimeOffset, int)[scenario.Sequences.Count];

    public GateAnswer Ask(int sequence, int step, int count, DateTimeOffset now)
    {
        if (scenario.Sequences[sequence].Urgent)
        {
            return new GateAnswer(count, null);
        }

        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var used = _used[sequence].Hour == hour ? _used[sequence].Used : 0;
        var granted = Math.Min(count, sendsPerHour - used);
        _used[sequence] = (hour, used + granted);
        return new GateAnswer(granted, granted < count ? hour.AddHours(1) : null);
    }

    public double StretchFactor(int sequence) => 1;
}
