using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Balancer.Access.Tests.Properties;

/// <summary>Hostile routing rules over their whole schema, on the real api.</summary>
[Collection(PropertyCollection.Name)]
public sealed class RoutingProperties(PropertyHost fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task SetRoutingRules_HostileRules_FailNamingTheFieldWhileValidOnesAreStoredExactly()
    {
        var generators = new RoutingGenerators(new HostileValues(fixture.Limits));
        RoutingTenant? tenant = null;

        await Task.Run(() => PropertyRun.Check(
            output, "hostile routing rules", 1500, 1005, Arb.From(generators.Case, c => c.Shrink()), async c =>
            {
                tenant ??= await RoutingTenant.Start(fixture.Host);
                try
                {
                    await tenant.Check(c, fixture.Limits);
                }
                catch
                {
                    tenant = null;
                    throw;
                }
            }));
    }
}
