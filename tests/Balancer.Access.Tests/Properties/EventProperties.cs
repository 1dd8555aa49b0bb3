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
        await OnTwins(
            "hostile events", 2000, 1001, Arb.From(generators.Case, c => c.Shrink()), "events",
            (twins, c) => new EventRun(twins, fixture.Limits).Check(c));
    }

    [Fact]
    public async Task Submit_HostileEventsForARoutedTenant_EachRefusedByItsFieldAndRoutingCountsOnlyTheRest()
    {
        var routedTo = EventCatalog.Queues[0];
        var generators = new EventGenerators(new HostileValues(fixture.Limits), routedTo);
        await OnTwins(
            "hostile events, routed", 600, 1007, Arb.From(generators.Case, c => c.Shrink()), "routed", routedTo,
            (twins, c) => new EventRun(twins, fixture.Limits).Check(c));
    }

    [Fact]
    public async Task Resend_EventsOfEarlierBatches_AcceptedOnesAreDuplicatesAndRefusedOnesJudgedAfresh()
    {
        var generators = new EventGenerators(new HostileValues(fixture.Limits));
        await OnTwins(
            "events sent again", 1000, 1002, Arb.From(generators.Repeats, c => c.Shrink()), "again",
            async (twins, c) =>
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
        });
    }

    [Fact]
    public async Task Submit_BatchIdOrEventCountPastTheLimit_WholeBatchRefusedNamingTheFieldAndNothingApplied()
    {
        var generators = new EventGenerators(new HostileValues(fixture.Limits));
        var limits = fixture.Limits;
        await OnTwins(
            "oversized batches", 500, 1003, Arb.From(generators.Oversized, c => c.Shrink()), "oversized",
            async (twins, c) =>
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
        });
    }

    /// <summary>
    /// Runs a property's cases on one pair of twin tenants, then checks the model's totals on them. A failing case
    /// leaves the twins differing, so the next run, a smaller case while FsCheck shrinks, starts a fresh pair.
    /// </summary>
    private async Task OnTwins<T>(
        string name, int cases, ulong seed, FsCheck.Arbitrary<T> arbitrary, string prefix,
        Func<TwinTenants, T, Task> check) => await OnTwins(name, cases, seed, arbitrary, prefix, null, check);

    private async Task OnTwins<T>(
        string name, int cases, ulong seed, FsCheck.Arbitrary<T> arbitrary, string prefix, string? routedTo,
        Func<TwinTenants, T, Task> check)
    {
        TwinTenants? twins = null;
        await Task.Run(() => PropertyRun.Check(output, name, cases, seed, arbitrary, async c =>
        {
            twins ??= await TwinTenants.Start(fixture.Host, prefix, routedTo);
            try
            {
                await check(twins, c);
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
