using FsCheck.Fluent;
using Grpc.Core;
using Xunit.Abstractions;
using static Balancer.Contracts.Api.Channel;

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
            output, "hostile events", 2000, 1001, Arb.From(generators.Case, c => c.Shrink()), async c =>
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

    [Fact]
    public async Task Submit_HostileEventsForARoutedTenant_EachRefusedByItsFieldAndRoutingCountsOnlyTheRest()
    {
        var routedTo = EventCatalog.Queues[0];
        var generators = new EventGenerators(new HostileValues(fixture.Limits), routedTo);
        TwinTenants? twins = null;

        await Task.Run(() => PropertyRun.Check(
            output, "hostile events, routed", 600, 1007, Arb.From(generators.Case, c => c.Shrink()), async c =>
            {
                twins ??= await TwinTenants.Start(fixture.Host, "routed", routedTo);
                try
                {
                    await new EventRun(twins, fixture.Limits).Check(c);
                }
                catch
                {
                    twins = null;
                    throw;
                }
            }));

        await twins!.ExpectModelTotals();
    }

    [Fact]
    public async Task Resend_EventsOfEarlierBatches_AcceptedOnesAreDuplicatesAndRefusedOnesJudgedAfresh()
    {
        var generators = new EventGenerators(new HostileValues(fixture.Limits));
        TwinTenants? twins = null;

        await Task.Run(() => PropertyRun.Check(
            output, "events sent again", 1000, 1002, Arb.From(generators.Repeats, c => c.Shrink()), async c =>
            {
                twins ??= await TwinTenants.Start(fixture.Host, "again");
                try
                {
                    var run = new EventRun(twins, fixture.Limits);
                    if (c.Stream)
                    {
                        await run.StreamBoth(c.Batches);
                    }
                    else
                    {
                        for (var i = 0; i < c.Batches.Count; i++)
                        {
                            await run.SubmitBoth(run.Prepare(c.Batches[i], i));
                        }
                    }

                    await twins.ExpectSameFigures(run.Touched);
                }
                catch
                {
                    twins = null;
                    throw;
                }
            }));

        await twins!.ExpectModelTotals();
    }

    [Fact]
    public async Task Submit_BatchIdOrEventCountPastTheLimit_WholeBatchRefusedNamingTheFieldAndNothingApplied()
    {
        var generators = new EventGenerators(new HostileValues(fixture.Limits));
        var limits = fixture.Limits;
        TwinTenants? twins = null;

        await Task.Run(() => PropertyRun.Check(
            output, "oversized batches", 500, 1003, Arb.From(generators.Oversized, c => c.Shrink()), async c =>
            {
                twins ??= await TwinTenants.Start(fixture.Host, "oversized");
                try
                {
                    var run = new EventRun(twins, limits);
                    var detail = c.Field == "batch_id"
                        ? $"batch_id is {c.Size} characters long; the limit is {limits.MaxEventIdLength}."
                        : $"events: the batch has {c.Size} events; the limit is {limits.MaxEventsPerBatch}.";
                    var failure = c.Stream ? await StreamUntilRefused(run, c) : await SubmitUntilRefused(run, c);
                    Assert.Equal((StatusCode.InvalidArgument, detail), (failure.StatusCode, failure.Status.Detail));

                    // The api is still up: a valid batch after the refused one counts.
                    var after = new EventCase("after", [new CaseEvent(0, new PlannedSend(0, "s1", 1, "after", Sms))]);
                    await run.SubmitBoth(run.Prepare(after, c.Before.Count + 1));
                    await twins.ExpectSameFigures(run.Touched);
                }
                catch
                {
                    twins = null;
                    throw;
                }
            }));

        await twins!.ExpectModelTotals();
    }

    private static async Task<RpcException> SubmitUntilRefused(EventRun run, OversizedCase c)
    {
        for (var i = 0; i < c.Before.Count; i++)
        {
            await run.SubmitBoth(run.Prepare(c.Before[i], i));
        }

        var refused = run.Refused(c.Batch, c.Before.Count, c.Field == "events" ? c.Size : 0);
        return await Assert.ThrowsAsync<RpcException>(() => run.Twins.Hostile.Ingest
            .SubmitAsync(refused, deadline: Calls.Deadline()).ResponseAsync);
    }

    /// <summary>
    /// Streams the batches before the refused one, then the refused one, on a connection of the case's own: Kestrel
    /// keeps a stream the server ended early for a few seconds, and refuses every call on a connection that holds
    /// 200 of them (ENHANCE_YOUR_CALM), as a sender whose streams fail that fast would find too.
    /// </summary>
    private static async Task<RpcException> StreamUntilRefused(EventRun run, OversizedCase c)
    {
        var host = run.Twins.Host;
        using var connection = TenantKeys.Open(host.GrpcUrl, await host.Keys.KeyOf(run.Twins.Hostile.Tenant));
        using var call = new Contracts.Api.Ingest.IngestClient(connection).Stream(deadline: Calls.Deadline());
        for (var i = 0; i < c.Before.Count; i++)
        {
            var prepared = run.Prepare(c.Before[i], i);
            await call.RequestStream.WriteAsync(prepared.Hostile);
            EventRun.ExpectAck(prepared, await EventRun.NextAck(call.ResponseStream));
            EventRun.ExpectClean(prepared, await run.Twins.Clean.Ingest.SubmitAsync(
                prepared.Clean, deadline: Calls.Deadline()));
        }

        await call.RequestStream.WriteAsync(run.Refused(c.Batch, c.Before.Count, c.Field == "events" ? c.Size : 0));
        return await Assert.ThrowsAsync<RpcException>(() => EventRun.NextAck(call.ResponseStream));
    }
}
