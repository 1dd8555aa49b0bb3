using Microsoft.Extensions.Options;

namespace Balancer.Grains;

/// <summary>
/// Validates the options of the capacity model, which check themselves (<c>Validate()</c>, each
/// problem naming its option) without depending on the options framework.
/// </summary>
internal sealed class SelfCheckedOptions<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}

internal sealed class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        var problems = new List<string>();
        Ranges.Check(problems, QueueOptions.Section, nameof(options.BreachScanInterval), options.BreachScanInterval,
            TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));
        if (options.FirstResponseSamples is < 16 or > 1_000_000)
        {
            problems.Add($"{QueueOptions.Section}:{nameof(options.FirstResponseSamples)} must be from 16 to " +
                $"1000000; it is {options.FirstResponseSamples}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal sealed class LiveOptionsValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        var problems = new List<string>();
        var section = LiveOptions.Section;
        Ranges.Check(problems, section, nameof(options.FlushInterval), options.FlushInterval,
            TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));
        Ranges.Check(problems, section, nameof(options.SnapshotInterval), options.SnapshotInterval,
            TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        Ranges.Check(problems, section, nameof(options.ObserverRefreshInterval), options.ObserverRefreshInterval,
            TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Ranges.Check(problems, section, nameof(options.SubscriptionExpiry), options.SubscriptionExpiry,
            TimeSpan.FromSeconds(90), TimeSpan.FromHours(1));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal sealed class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        var problems = new List<string>();
        var section = DispatchOptions.Section;
        Ranges.Check(problems, section, nameof(options.DispatchInterval), options.DispatchInterval,
            TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5));
        if (options.RouterMemory is < 1_000 or > 10_000_000)
        {
            problems.Add($"{section}:{nameof(options.RouterMemory)} must be from 1000 to 10000000; " +
                $"it is {options.RouterMemory}.");
        }

        Ranges.Check(problems, section, nameof(options.ListenerExpiry), options.ListenerExpiry,
            TimeSpan.FromSeconds(90), TimeSpan.FromHours(1));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal static class Ranges
{
    public static void Check(
        List<string> problems, string section, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{section}:{name} must be from {min} to {max}; it is {value}.");
        }
    }
}
