using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// Runs one property with FsCheck: a set number of cases from a fixed seed, so every run generates the same
/// cases, with FsCheck's shrinking on a failure. <c>BALANCER_PROPERTY_SEED</c> replaces the seed, to explore
/// further or to replay the seed a failure printed. The seed, the cases and the time go to the test's output.
/// </summary>
public static class PropertyRun
{
    public const string SeedVariable = "BALANCER_PROPERTY_SEED";

    /// <summary>The second half of FsCheck's generator state; any odd number does.</summary>
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    public static void Check<T>(
        ITestOutputHelper output, string name, int cases, ulong seed, Arbitrary<T> arbitrary, Func<T, Task> property)
    {
        var chosen = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text
            ? ulong.Parse(text, CultureInfo.InvariantCulture)
            : seed;
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithName(name)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(chosen, Gamma), FSharpOption<int>.None)));
        output.WriteLine($"{name}: {cases} cases from seed {chosen} ({SeedVariable}={chosen} replays them)");
        var runs = 0;
        var watch = Stopwatch.StartNew();

        // On the thread pool, so that no continuation of a call waits for the thread FsCheck blocks.
        FsCheck.Check.One(config, Prop.ForAll(arbitrary, c =>
        {
            runs++;
            return Task.Run(() => property(c));
        }));
        output.WriteLine($"{name}: {cases} cases passed in {watch.Elapsed.TotalSeconds:F1} s ({runs} runs)");
    }
}
