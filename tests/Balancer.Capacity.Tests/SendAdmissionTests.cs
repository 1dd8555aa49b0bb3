namespace Balancer.Capacity.Tests;

public sealed class SendAdmissionTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    // 3 human minutes a send against 60 minutes an hour: the default 10-minute burst holds 10 minutes.
    private const double PerSend = 3;
    private const double PerHour = 60;

    [Fact]
    public void SendAdmission_FullBucket_GrantsWhatTheMinutesCoverAndTimesTheNextSend()
    {
        var admission = Admission(Grade.Normal);

        var grant = admission.Admit(2, 5, Start);

        // floor(10 / 3) = 3 go, leaving 1 minute; the fourth needs 2 more, at 60 an hour 2 minutes.
        Assert.Equal(3, grant.Granted);
        Assert.Equal(TimeSpan.FromMinutes(2), grant.RetryAfter);
        Assert.Equal(Grade.Normal, grant.Grade);
        Assert.Equal("3 of 5 within the budget of 60.0 human minutes an hour at 3.00 a send", grant.Reason);
        Assert.Equal(1.0, admission.AvailableMinutes(Start), 9);
    }

    [Fact]
    public void SendAdmission_AskedAgainAtRetryAfter_GrantsTheSendItWasTimedFor()
    {
        var admission = Admission(Grade.Normal);
        var first = admission.Admit(2, 5, Start);

        var second = admission.Admit(2, 2, Start + first.RetryAfter!.Value);

        // 1 left + 2 refilled = 3: one send, then 3 minutes for the next.
        Assert.Equal((1, TimeSpan.FromMinutes(3)), (second.Granted, second.RetryAfter));
    }

    [Fact]
    public void SendAdmission_AllCovered_GrantsAllWithoutRetry()
    {
        var grant = Admission(Grade.Normal).Admit(3, 3, Start);

        Assert.Equal((3, (TimeSpan?)null), (grant.Granted, grant.RetryAfter));
    }

    [Fact]
    public void SendAdmission_LongIdle_RefillsOnlyUpToTheBurst()
    {
        var admission = Admission(Grade.Normal);
        admission.Admit(2, 3, Start);

        Assert.Equal(10.0, admission.AvailableMinutes(Start + TimeSpan.FromHours(10)), 9);
    }

    [Fact]
    public void SendAdmission_Pause_GrantsNothingAndRetriesAfterTheBlockedInterval()
    {
        var grant = Admission(Grade.Pause).Admit(2, 4, Start);

        Assert.Equal(new AdmissionGrant(0, TimeSpan.FromMinutes(5), Grade.Pause, "paused"), grant);
    }

    [Fact]
    public void SendAdmission_Hold_GrantsNothingUntilHoldUntil()
    {
        var until = Start + TimeSpan.FromMinutes(90);
        var admission = Admission(Grade.Hold, holdUntil: until);

        var grant = admission.Admit(2, 4, Start + TimeSpan.FromMinutes(30));

        Assert.Equal(0, grant.Granted);
        Assert.Equal(TimeSpan.FromMinutes(60), grant.RetryAfter);
        Assert.Equal("held until 2026-12-01T10:30:00.0000000+00:00", grant.Reason);
    }

    [Fact]
    public void SendAdmission_HoldEnded_ActsAsStretchUntilTheNextDirective()
    {
        var until = Start + TimeSpan.FromMinutes(90);
        var admission = Admission(Grade.Hold, holdUntil: until);

        var later = admission.Admit(2, 4, until);
        var enrolment = admission.Admit(1, 4, until);

        // Stretched by 3: 20 minutes an hour, a bucket of 20 / 6 = 3.33 minutes: one send of 3.
        Assert.Equal(1, later.Granted);
        Assert.Equal((0, TimeSpan.FromMinutes(5)), (enrolment.Granted, enrolment.RetryAfter));
    }

    [Fact]
    public void SendAdmission_BlockEnrolments_StopsStepOneAndLetsLaterStepsGoOn()
    {
        var admission = Admission(Grade.BlockEnrolments);

        var enrolment = admission.Admit(1, 4, Start);
        var followUp = admission.Admit(2, 4, Start);

        Assert.Equal(
            new AdmissionGrant(0, TimeSpan.FromMinutes(5), Grade.BlockEnrolments, "enrolments blocked"), enrolment);
        Assert.Equal((3, TimeSpan.FromMinutes(2)), (followUp.Granted, followUp.RetryAfter));
    }

    [Fact]
    public void SendAdmission_Stretch_DividesTheBudgetByTheFactorAndBlocksEnrolments()
    {
        var admission = Admission(Grade.Stretch, stretch: 3);

        var followUp = admission.Admit(2, 4, Start);
        var enrolment = admission.Admit(1, 1, Start);

        // 60 / 3 = 20 minutes an hour; the bucket holds 20 / 6 = 3.333: one send, 0.333 left; the
        // next needs 2.667 more at 20 an hour: 0.1333 h = 8 minutes.
        Assert.Equal((1, TimeSpan.FromMinutes(8)), (followUp.Granted, followUp.RetryAfter));
        Assert.Equal(
            "1 of 4 within the budget of 20.0 human minutes an hour (stretched by 3.0) at 3.00 a send",
            followUp.Reason);
        Assert.Equal(0, enrolment.Granted);
    }

    [Fact]
    public void SendAdmission_NoHumanWork_GrantsEverythingTheGradeAllows()
    {
        var admission = new SendAdmission("s", new AdmissionOptions());
        admission.Update(Directive(Grade.Normal), humanMinutesPerSend: 0, humanMinutesPerHour: 0, Start);

        var grant = admission.Admit(1, 10_000, Start);

        Assert.Equal(new AdmissionGrant(10_000, null, Grade.Normal, "its sends create no human work"), grant);
    }

    [Fact]
    public void SendAdmission_NoHumanWorkButPaused_GrantsNothing()
    {
        var admission = new SendAdmission("s", new AdmissionOptions());
        admission.Update(Directive(Grade.Pause), 0, 0, Start);

        Assert.Equal(0, admission.Admit(2, 10, Start).Granted);
    }

    [Fact]
    public void SendAdmission_ZeroBudget_GrantsNothingAndRetriesAfterTheBlockedInterval()
    {
        var admission = new SendAdmission("s", new AdmissionOptions());
        admission.Update(Directive(Grade.Normal), PerSend, humanMinutesPerHour: 0, Start);

        var grant = admission.Admit(2, 1, Start);

        Assert.Equal((0, TimeSpan.FromMinutes(5)), (grant.Granted, grant.RetryAfter));
    }

    [Fact]
    public void SendAdmission_TinyBudget_RetriesInADayRatherThanOverflowing()
    {
        var admission = new SendAdmission("s", new AdmissionOptions());
        admission.Update(Directive(Grade.Normal), humanMinutesPerSend: 5, humanMinutesPerHour: 1e-12, Start);

        // The bucket always holds one send; the second would wait longer than TimeSpan can say.
        var grant = admission.Admit(2, 2, Start);

        Assert.Equal((1, TimeSpan.FromDays(1)), (grant.Granted, grant.RetryAfter));
    }

    [Fact]
    public void SendAdmission_SendCostlierThanTheBurst_StillGoesOnceTheBucketHoldsIt()
    {
        var admission = new SendAdmission("s", new AdmissionOptions());
        admission.Update(Directive(Grade.Normal), humanMinutesPerSend: 30, PerHour, Start);

        var first = admission.Admit(2, 2, Start);
        var second = admission.Admit(2, 1, Start + TimeSpan.FromMinutes(30));

        Assert.Equal((1, TimeSpan.FromMinutes(30)), (first.Granted, first.RetryAfter));
        Assert.Equal((1, (TimeSpan?)null), (second.Granted, second.RetryAfter));
    }

    [Fact]
    public void SendAdmission_BeforeAnyDirective_GrantsNothing()
    {
        var grant = new SendAdmission("s", new AdmissionOptions()).Admit(2, 1, Start);

        Assert.Equal(new AdmissionGrant(0, TimeSpan.FromMinutes(5), Grade.Normal, "no directive yet"), grant);
    }

    [Fact]
    public void SendAdmission_SmallerBudget_ShrinksTheBucketAtOnce()
    {
        var admission = Admission(Grade.Normal);

        admission.Update(Directive(Grade.Normal), PerSend, humanMinutesPerHour: 6, Start + TimeSpan.FromMinutes(1));

        // 6 an hour holds 1 minute at most, but one send's 3 minutes always fit.
        Assert.Equal(3.0, admission.AvailableMinutes(Start + TimeSpan.FromMinutes(1)), 9);
    }

    [Fact]
    public void SendAdmission_UpdateRefillsAtTheOldRateFirst()
    {
        var admission = Admission(Grade.Normal);
        admission.Admit(2, 3, Start);

        admission.Update(Directive(Grade.Stretch, stretch: 3), PerSend, PerHour, Start + TimeSpan.FromMinutes(2));

        // 1 + 2 minutes refilled at 60 an hour = 3, inside the stretched bucket of 3.333.
        Assert.Equal(3.0, admission.AvailableMinutes(Start + TimeSpan.FromMinutes(2)), 9);
    }

    [Fact]
    public void SendAdmission_TimeGoingBack_DoesNotRefill()
    {
        var admission = Admission(Grade.Normal);
        admission.Admit(2, 3, Start + TimeSpan.FromMinutes(5));

        Assert.Equal(1.0, admission.AvailableMinutes(Start), 9);
    }

    [Fact]
    public void SendAdmission_Requests_CountGrantedAndDeferred()
    {
        var admission = Admission(Grade.BlockEnrolments);

        admission.Admit(2, 5, Start);
        admission.Admit(1, 4, Start);
        admission.Admit(2, 0, Start);

        Assert.Equal((3L, 6L), (admission.GrantedTotal, admission.DeferredTotal));
    }

    [Fact]
    public void SendAdmission_NothingAsked_GrantsNothingWithoutRetry()
    {
        var grant = Admission(Grade.Normal).Admit(2, 0, Start);

        Assert.Equal((0, (TimeSpan?)null), (grant.Granted, grant.RetryAfter));
    }

    [Fact]
    public void SendAdmission_BadArguments_Throw()
    {
        var admission = Admission(Grade.Normal);

        Assert.Throws<ArgumentOutOfRangeException>(() => admission.Admit(0, 1, Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => admission.Admit(1, -1, Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => admission.Update(Directive(Grade.Normal), -1, 1, Start));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => admission.Update(Directive(Grade.Normal), 1, double.NaN, Start));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SendAdmission_ManyRandomRequests_NeverGrantMoreThanTheBudgetAllows(int seed)
    {
        var random = new Random(seed);
        var admission = Admission(Grade.Normal);
        var now = Start;
        var granted = 0L;

        for (var i = 0; i < 5_000; i++)
        {
            now += TimeSpan.FromSeconds(random.Next(0, 120));
            var grant = admission.Admit(random.Next(2, 5), random.Next(0, 8), now);
            granted += grant.Granted;

            // The full bucket at the start plus what 60 minutes an hour refilled since.
            var allowed = 10 + (PerHour * (now - Start).TotalHours);
            Assert.True(granted * PerSend <= allowed + 1e-6, $"{granted} sends by {now:O} exceed {allowed}");
        }

        Assert.True(granted * PerSend >= (PerHour * (now - Start).TotalHours) * 0.9, $"only {granted} granted");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void SendAdmission_RandomDirectives_NeverGrantMoreThanEachGradeAllows(int seed)
    {
        var random = new Random(seed);
        var admission = new SendAdmission("s", new AdmissionOptions());
        var now = Start;
        var directive = Directive(Grade.Normal);
        admission.Update(directive, PerSend, PerHour, now);
        var allowed = 10.0;
        var spent = 0.0;

        for (var i = 0; i < 5_000; i++)
        {
            var next = now + TimeSpan.FromSeconds(random.Next(0, 120));
            allowed += RateOf(directive) * (next - now).TotalHours;
            now = next;
            if (random.Next(20) == 0)
            {
                var grade = (Grade)random.Next(0, 5);
                directive = Directive(grade, stretch: 3, holdUntil: now + TimeSpan.FromMinutes(random.Next(0, 30)));
                admission.Update(directive, PerSend, PerHour, now);
            }

            var step = random.Next(1, 4);
            var grant = admission.Admit(step, random.Next(0, 8), now);
            spent += grant.Granted * PerSend;

            Assert.True(spent <= allowed + 1e-6, $"{spent} minutes by {now:O} exceed {allowed}");
            Assert.False(grant.Granted > 0 && directive.Grade == Grade.Pause, "granted while paused");
            Assert.False(grant.Granted > 0 && step == 1 && directive.Grade > Grade.Normal, "enrolled while blocked");
            Assert.False(grant.Granted > 0 && directive.Grade == Grade.Hold && now < directive.HoldUntil, "held");
        }
    }

    private static double RateOf(CadenceDirective directive) =>
        directive.Grade >= Grade.Stretch ? PerHour / directive.StretchFactor : PerHour;

    private static SendAdmission Admission(Grade grade, double stretch = 3, DateTimeOffset? holdUntil = null)
    {
        var admission = new SendAdmission("s", new AdmissionOptions());
        admission.Update(Directive(grade, stretch, holdUntil), PerSend, PerHour, Start);
        return admission;
    }

    private static CadenceDirective Directive(Grade grade, double stretch = 3, DateTimeOffset? holdUntil = null) =>
        new("s", grade, grade >= Grade.Stretch ? stretch : 1.0, grade >= Grade.Hold ? holdUntil : null, "", false);
}
