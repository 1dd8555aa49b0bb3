using Balancer.Contracts.Api;
using FsCheck;
using FsCheck.Fluent;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// Generates the requests that name what a tenant has: admissions (a sequence, a step, a count), staffing advice
/// (hours ahead) and the entity requests of the queries; valid ones at the edges of each range, and hostile ones
/// with one field broken, or naming a queue, sequence or agent the tenant does not have.
/// </summary>
public sealed class RequestGenerators(HostileValues hostile)
{
    public const int MaxAdmitCount = 100_000;
    public const int MaxStaffingHours = 72;

    public static readonly string[] Calls = ["GetQueue", "GetSequence", "GetAgent"];

    public Gen<AdmitRequest> Admit =>
        from sequence in Gen.Elements(EventCatalog.Sequences)
        from step in Gen.Frequency((2, Gen.Choose(1, sequence.Steps)), (1, Gen.Elements(1, sequence.Steps)))
        from count in Gen.Frequency((1, Gen.Elements(1, MaxAdmitCount)), (2, Gen.Choose(1, MaxAdmitCount)))
        select new AdmitRequest { SequenceId = sequence.Id, Step = step, Count = count };

    public static Gen<StaffingRequest> Staffing =>
        Gen.Frequency((1, Gen.Elements(0, 1, MaxStaffingHours)), (1, Gen.Choose(0, MaxStaffingHours)))
            .Select(hours => new StaffingRequest { Hours = hours });

    /// <summary>A query's method and an id the tenant has of that kind.</summary>
    public static Gen<(string Call, EntityRequest Request)> Entity =>
        from call in Gen.Elements(Calls)
        from id in Gen.Elements(call switch
        {
            "GetQueue" => EventCatalog.Queues,
            "GetSequence" => EventCatalog.Sequences.Select(s => s.Id).ToArray(),
            _ => EventCatalog.Agents,
        })
        select (call, new EntityRequest { Id = id });

    public Gen<RequestOp> Op => Gen.Frequency(
        (1, Admit.Select(a => new RequestOp(a))),
        (4, Admit.SelectMany(a => Gen.OneOf(
                hostile.Id("sequence_id", EventCatalog.UnknownSequences),
                HostileValues.Int("step", 1, EventCatalog.StepsOf(a.SequenceId)),
                HostileValues.Int("count", 1, MaxAdmitCount))
            .Select(b => new RequestOp(a, b)))),
        (1, Staffing.Select(s => new RequestOp(s))),
        (1, Staffing.SelectMany(s => HostileValues.Int("hours", 0, MaxStaffingHours).Select(b => new RequestOp(s, b)))),
        (1, Entity.Select(e => new RequestOp(e.Request, Call: e.Call))),
        (4, Entity.SelectMany(e =>
            hostile.Id("id", Foreign(e.Call)).Select(b => new RequestOp(e.Request, b, e.Call)))));

    /// <summary>One to four requests, most of them hostile.</summary>
    public Gen<RequestCase> Case =>
        Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Op, n)).Select(ops => new RequestCase(ops));

    /// <summary>Ids a query of this kind must not find: of other kinds, another tenant's, look-alikes.</summary>
    private static string[] Foreign(string call) => call switch
    {
        "GetQueue" => [.. EventCatalog.UnknownQueues, .. EventCatalog.Agents, EventCatalog.Sequences[0].Id],
        "GetSequence" => [.. EventCatalog.UnknownSequences, .. EventCatalog.Queues, EventCatalog.Agents[0]],
        _ => [.. EventCatalog.UnknownAgents, .. EventCatalog.Queues, EventCatalog.Sequences[0].Id],
    };
}
