using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Balancer.Access.Tests.Properties;

/// <summary>Hostile events over the whole event schema, judged against twin tenants on the real api.</summary>
[Collection(PropertyCollection.Name)]
public sealed class EventProperties(PropertyHost fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Submit_HostileEventsAmongValidOnes_EachRefusedByItsFieldWhileTheRestCountOnce()
    {
        var generators = new EventGenerators(new HostileValues(fixture.Limits));
        TwinTenants? twins = null;

        await Task.Run(() => PropertyRun.Check(
            output, "hostile events", 3000, 1001, Arb.From(generators.Case, c => c.Shrink()), async c =>
            {
                twins ??= await TwinTenants.Start(fixture.Host, "events");
                try
                {
                    await new EventRun(twins, fixture.Limits).Check(c);
                }
                catch
                {
                    // The twins may differ now: the next run, a smaller case, starts from a fresh pair.
                    twins = null;
                    throw;
                }
            }));

        await twins!.ExpectModelTotals();
    }
}
