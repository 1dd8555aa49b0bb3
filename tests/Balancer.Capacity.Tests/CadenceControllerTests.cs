namespace Balancer.Capacity.Tests;

public sealed class CadenceControllerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    // Ten sequences: s0 makes the most human work, s9 the least; "urgent" makes more than any.
    private static readonly SequenceSignal[] Sequences =
    [
        new("urgent", Urgent: true, FeedsChat: false, HumanRepliesPerHour: 500, ConversionRate: 0.1),
        .. Enumerable.Range(0, 10).Select(i => new SequenceSignal($"s{i}", false, i % 2 == 0, 100 - (i * 10), 0.05)),
    ];

    [Fact]
    public void CadenceController_NoPressure_LeavesEverySequenceNormal()
    {
        var decided = Controller().Decide(Input(Start, Severity.Normal));

        Assert.All(decided, d => Assert.Equal((Grade.Normal, 1.0, false), (d.Grade, d.StretchFactor, d.Changed)));
    }

    [Fact]
    public void CadenceController_Warn_BlocksEnrolmentsOfTheTopTwentyPerCentAndSparesUrgent()
    {
        var decided = Controller().Decide(Input(Start, Severity.Warn));

        Assert.Equal(["s0", "s1"], Throttled(decided));
        var s0 = decided.Single(d => d.SequenceId == "s0");
        Assert.Equal((Grade.BlockEnrolments, true), (s0.Grade, s0.Changed));
        Assert.Equal("breach level warn; among those making the most human work (100.0 an hour)", s0.Reason);
    }

    [Fact]
    public void CadenceController_EqualWork_ThrottlesTheLowerConversionFirst()
    {
        var controller = Controller();
        SequenceSignal[] tied = [new("sells", false, false, 50, 0.30), new("talks", false, false, 50, 0.01)];

        var decided = controller.Decide(new CadenceInput(Start, Severity.Warn, false, null, tied));

        Assert.Equal(["talks"], Throttled(decided));
    }

    [Fact]
    public void CadenceController_CriticalSustained_ClimbsOneGradePerDecisionToPause()
    {
        var controller = Controller();

        var grades = Enumerable.Range(0, 6)
            .Select(i => Of(controller.Decide(Input(Start + (Period * i), Severity.Critical)), "s0"))
            .ToList();

        Assert.Equal(
            [Grade.BlockEnrolments, Grade.Stretch, Grade.Hold, Grade.Pause, Grade.Pause, Grade.Pause],
            grades.Select(g => g.Grade));
        Assert.Equal(3.0, grades[1].StretchFactor);
        Assert.Equal(Start + (Period * 2) + TimeSpan.FromMinutes(90), grades[2].HoldUntil);
    }

    [Fact]
    public void CadenceController_SteadyOverload_NeverEasesOrChangesItsSet()
    {
        var controller = Controller();

        var history = Enumerable.Range(0, 200)
            .Select(i => controller.Decide(Input(Start + (Period * i), Severity.High)))
            .ToList();

        Assert.All(history.Skip(1), d => Assert.Equal(Grade.Stretch, d.Single(x => x.SequenceId == "s0").Grade));
        Assert.All(history, d => Assert.Equal(["s0", "s1"], Throttled(d)));
        Assert.Equal(2, history.SelectMany(d => d).Count(d => d.Changed && d.SequenceId == "s0"));
    }

    [Fact]
    public void CadenceController_PressureGone_EasesOneGradeAtATimeAfterTheCalmPeriodAndItsJitter()
    {
        var options = new CadenceOptions { EaseJitter = 0 };
        var controller = new CadenceController(options, new Random(7));
        var now = Start;
        for (var i = 0; i < 3; i++, now += Period)
        {
            controller.Decide(Input(now, Severity.High));
        }

        var calm = now - Period;
        var almost = calm + TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1);
        var before = controller.Decide(Input(almost, Severity.Normal));
        var first = controller.Decide(Input(calm + TimeSpan.FromMinutes(10), Severity.Normal));
        var early = controller.Decide(Input(calm + TimeSpan.FromMinutes(15), Severity.Normal));
        var second = controller.Decide(Input(calm + TimeSpan.FromMinutes(20), Severity.Normal));

        Assert.Equal(Grade.Stretch, Of(before, "s0").Grade);
        Assert.Equal((Grade.BlockEnrolments, true), (Of(first, "s0").Grade, Of(first, "s0").Changed));
        Assert.Equal(Grade.BlockEnrolments, Of(early, "s0").Grade);
        Assert.Equal((Grade.Normal, ""), (Of(second, "s0").Grade, Of(second, "s0").Reason));
    }

    [Fact]
    public void CadenceController_Jitter_SpreadsTheEasingOfReleasedSequences()
    {
        var controller = new CadenceController(new CadenceOptions { ThrottleShare = 1.0 }, new Random(7));
        controller.Decide(Input(Start, Severity.Warn));
        var eased = new Dictionary<string, TimeSpan>();

        for (var t = TimeSpan.Zero; t <= TimeSpan.FromMinutes(13); t += TimeSpan.FromSeconds(5))
        {
            foreach (var d in controller.Decide(Input(Start + t, Severity.Normal)).Where(d => d.Changed))
            {
                eased[d.SequenceId] = t;
            }
        }

        Assert.Equal(10, eased.Count);
        Assert.All(eased.Values, t => Assert.InRange(t, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(12.5)));
        Assert.True(eased.Values.Distinct().Count() >= 5, string.Join(", ", eased.Values));
    }

    [Fact]
    public void CadenceController_SendsRatioPastLimit_BlocksEveryThrottleableSequenceAtOnce()
    {
        var decided = Controller().Decide(new CadenceInput(Start, Severity.Normal, true, null, Sequences));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"s{i}"), Throttled(decided));
        Assert.All(decided.Where(d => d.SequenceId != "urgent"), d => Assert.Equal(Grade.BlockEnrolments, d.Grade));
        Assert.Equal(Grade.Normal, Of(decided, "urgent").Grade);
    }

    [Fact]
    public void CadenceController_GuardThenBreach_EscalatesOnlyTheBreachSet()
    {
        var controller = Controller();
        controller.Decide(new CadenceInput(Start, Severity.Normal, true, null, Sequences));

        var decided = controller.Decide(new CadenceInput(Start + Period, Severity.High, true, null, Sequences));

        Assert.Equal(Grade.Stretch, Of(decided, "s0").Grade);
        Assert.Equal(Grade.Stretch, Of(decided, "s1").Grade);
        Assert.Equal(Grade.BlockEnrolments, Of(decided, "s5").Grade);
    }

    [Fact]
    public void CadenceController_LiveChatWaitPastNinetySeconds_HoldsChatSequencesAtOnce()
    {
        var decided = Controller().Decide(
            new CadenceInput(Start, Severity.Normal, false, TimeSpan.FromSeconds(91), Sequences));

        var held = decided.Where(d => d.Grade == Grade.Hold).Select(d => d.SequenceId);
        Assert.Equal(["s0", "s2", "s4", "s6", "s8"], held);
        Assert.Equal(Start + TimeSpan.FromMinutes(90), Of(decided, "s0").HoldUntil);
        Assert.Equal("live chat wait 91 s past the limit of 90 s", Of(decided, "s0").Reason);
        Assert.Equal(Grade.Normal, Of(decided, "s1").Grade);
    }

    [Fact]
    public void CadenceController_UrgentNotProtected_IsThrottledFirst()
    {
        var controller = new CadenceController(new CadenceOptions { ProtectUrgent = false }, new Random(7));

        var decided = controller.Decide(Input(Start, Severity.Warn));

        // Eleven throttleable now: a fifth of them, rounded up, is three.
        Assert.Equal(["urgent", "s0", "s1"], Throttled(decided));
    }

    [Fact]
    public void CadenceController_QueueThatCannotClearInItsWindow_BlocksEnrolmentsBeforeAnyBreach()
    {
        QueueSignal[] queues = [new("overflow", TimeSpan.FromHours(4), false, 40, null, null, TimeSpan.FromHours(5))];

        var decided = Controller().Decide(Input(Start, Severity.Normal) with { Queues = queues });

        Assert.Equal(["s0", "s1"], Throttled(decided));
        Assert.Equal(
            "queue overflow clears in 5.0 h, past its 4 h window; among those making the most human work " +
            "(100.0 an hour)",
            Of(decided, "s0").Reason);
    }

    [Fact]
    public void CadenceController_LookAheadWithNoRoomAllDay_BlocksEnrolmentsOfTheHeaviest()
    {
        SequenceSignal[] sequences =
        [
            new("heavy", false, false, 10, 0.01, HumanMinutesPerSend: 1, DemandSendsPerHour: 100),
            new("light", false, false, 1, 0.10, HumanMinutesPerSend: 1, DemandSendsPerHour: 5),
        ];
        var team = new TeamCapacity([new AgentOutlook("a", true, 2, 2, 100, 100)], TimeSpan.FromMinutes(30));
        QueueSignal[] queues = [new("overflow", TimeSpan.FromHours(2), false, 1000, null, null, null)];
        var input = new CadenceInput(Start, Severity.Normal, false, null, sequences, team, queues, 14);

        var decided = Controller().Decide(input);

        Assert.Equal(["heavy"], Throttled(decided));
        Assert.Equal(
            "look-ahead: 1006 conversations waiting or due in the 2 h window from 0 h ahead against 8 the staffed " +
            "team can take; among those making the most human work (10.0 an hour)",
            Of(decided, "heavy").Reason);
    }

    [Fact]
    public void CadenceController_BreachRateFalling_HoldsTheClimbAndRisingResumesIt()
    {
        var controller = Controller();
        QueueSignal Queue(double trend) => new("overflow", TimeSpan.FromHours(4), false, 10, 0.16, trend, null);

        controller.Decide(Input(Start, Severity.Warn));
        var falling = controller.Decide(Input(Start + Period, Severity.High) with { Queues = [Queue(-0.02)] });
        var rising = controller.Decide(Input(Start + (Period * 2), Severity.High) with { Queues = [Queue(0.01)] });

        Assert.Equal(Grade.BlockEnrolments, Of(falling, "s0").Grade);
        Assert.Equal(Grade.Stretch, Of(rising, "s0").Grade);
    }

    [Fact]
    public void CadenceController_SequenceAboutToSendMuch_RanksByWhatItWillMake()
    {
        var controller = new CadenceController(new CadenceOptions { ThrottleShare = 0.5 }, new Random(7));
        SequenceSignal[] sequences =
        [
            new("steady", false, false, 5, 0.02),
            new("launch", false, false, 0, null, HumanMinutesPerSend: 1, DemandSendsPerHour: 300),
        ];

        var decided = controller.Decide(new CadenceInput(Start, Severity.Warn, false, null, sequences));

        // 300 human minutes an hour at the assumed 20-minute handle time are 15 replies an hour.
        Assert.Equal(["launch"], Throttled(decided));
        Assert.Equal(
            "breach level warn; among those making the most human work (15.0 an hour)", Of(decided, "launch").Reason);
    }

    [Fact]
    public void CadenceOptions_LookAheadOutOfRange_NamesTheOptions()
    {
        var problems = new CadenceOptions
        {
            LookAheadOccupancy = 1.5, AssumedHandleTime = TimeSpan.Zero, AssumedHumanRepliesPerSend = -1,
            OwnFigureAfter = TimeSpan.FromDays(8),
        }.Validate();

        Assert.Equal(
            [
                "Balancer:Cadence:LookAheadOccupancy must be from 0.1 to 1; it is 1.5.",
                "Balancer:Cadence:AssumedHumanRepliesPerSend must be from 0 to 1; it is -1.",
                "Balancer:Cadence:OwnFigureAfter must be from 1 hour to 7 days; it is 8.00:00:00.",
                "Balancer:Cadence:AssumedHandleTime must be from 1 minute to 8 hours; it is 00:00:00.",
            ],
            problems);
    }

    [Fact]
    public void CadenceOptions_Defaults_AreThePractitionersFigures()
    {
        var o = new CadenceOptions();

        Assert.Equal(
            (TimeSpan.FromSeconds(5), 0.20, 3.0, TimeSpan.FromMinutes(90), TimeSpan.FromSeconds(90), true),
            (o.Period, o.ThrottleShare, o.StretchFactor, o.HoldFor, o.LiveWaitLimit, o.ProtectUrgent));
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void CadenceOptions_ShareAboveOne_NamesTheOption()
    {
        var problems = new CadenceOptions { ThrottleShare = 1.5 }.Validate();

        Assert.Equal(["Balancer:Cadence:ThrottleShare must be above 0 and at most 1; it is 1.5."], problems);
    }

    private static CadenceController Controller() => new(new CadenceOptions(), new Random(7));

    private static CadenceInput Input(DateTimeOffset now, Severity level) => new(now, level, false, null, Sequences);

    private static CadenceDirective Of(IReadOnlyList<CadenceDirective> decided, string id) =>
        decided.Single(d => d.SequenceId == id);

    private static List<string> Throttled(IReadOnlyList<CadenceDirective> decided) =>
        [.. decided.Where(d => d.Grade > Grade.Normal).Select(d => d.SequenceId)];
}
