using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Balancer.Access.Tests.Properties;

/// <summary>Hostile admissions, staffing requests and entity requests, on the real api.</summary>
[Collection(PropertyCollection.Name)]
public sealed class RequestProperties(PropertyHost fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task AdmitStaffingAndQueries_HostileRequests_FailNamingTheFieldAndChangeNoFigure()
    {
        var generators = new RequestGenerators(new HostileValues(fixture.Limits));
        RequestTenant? tenant = null;

        await Task.Run(() => PropertyRun.Check(
            output, "hostile requests", 2000, 1006, Arb.From(generators.Case, c => c.Shrink()), async c =>
            {
                tenant ??= await RequestTenant.Start(fixture.Host);
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
