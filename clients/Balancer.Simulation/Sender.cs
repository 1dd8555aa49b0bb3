using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>
/// The sequencer: enrols contacts, sends each step when due inside the sequence's send window, and
/// asks the gate first. What the gate holds back waits, oldest first, and is asked for again when
/// the gate says; nothing is ever dropped.
/// </summary>
/// <remarks>
/// A send's delay is from when the sequencer would have sent it, given when the previous step
/// actually went, to when it went: each hold-back is counted once, on the send it held back.
/// </remarks>
internal sealed class Sender
{
    private static readonly TimeSpan ShortestRetry = TimeSpan.FromSeconds(1);

    private readonly RunContext _context;
    private readonly ISendGate _gate;
    private readonly Intake _intake;
    private readonly Lane[][] _lanes;

    public Sender(RunContext context, ISendGate gate, Intake intake, Workload workload)
    {
        _context = context;
        _gate = gate;
        _intake = intake;
        _lanes = [.. context.Scenario.Sequences.Select(s => s.Steps.Select(_ => new Lane()).ToArray())];
        foreach (var enrolment in workload.Enrolments)
        {
            Outstanding++;
            context.Loop.At(enrolment.At, () => Schedule(enrolment, 0, enrolment.At));
        }
    }

    /// <summary>Contacts whose run of their sequence has not ended: sends or an outcome still to come.</summary>
    public int Outstanding { get; private set; }

    /// <summary>Sends due and held back by the gate, for one sequence.</summary>
    public int Deferred(int sequence) => _lanes[sequence].Sum(l => l.Ready.Count);

    /// <summary>Sends due and held back by the gate, over all sequences.</summary>
    public int Deferred() => Enumerable.Range(0, _lanes.Length).Sum(Deferred);

    /// <summary>
    /// Ends the run: the sends still waiting count as waited until now, in the delay, so that a
    /// gate that never lets them go does not look as if it delayed nothing.
    /// </summary>
    public void Close()
    {
        var now = _context.Now;
        for (var s = 0; s < _lanes.Length; s++)
        {
            foreach (var lane in _lanes[s])
            {
                var waiting = lane.Ready.Concat(lane.Scheduled.UnorderedItems.Select(i => i.Element));
                foreach (var p in waiting.Where(p => p.Planned < now))
                {
                    _context.Tally.Waited(s, now - p.Planned);
                }
            }
        }
    }

    /// <summary>Plans step <paramref name="step"/> (from 0) after <paramref name="after"/>, as stretched.</summary>
    private void Schedule(Enrolment e, int step, DateTimeOffset after)
    {
        var spec = _context.Scenario.Sequences[e.Sequence];
        var delay = spec.Steps[step].Delay;
        var planned = spec.SendWindow.NextOpen(after + delay);
        var factor = _gate.StretchFactor(e.Sequence);
        var due = factor > 1 ? spec.SendWindow.NextOpen(after + (delay * factor)) : planned;
        var lane = _lanes[e.Sequence][step];
        lane.Scheduled.Enqueue(new Pending(e, step, planned), (due.UtcTicks, lane.Order++));
        FlushAt(e.Sequence, step, due);
    }

    private void FlushAt(int sequence, int step, DateTimeOffset at)
    {
        var lane = _lanes[sequence][step];
        if (lane.NextFlush is { } next && next <= at && next >= _context.Now)
        {
            return;
        }

        lane.NextFlush = at;
        _context.Loop.At(at, () => Flush(sequence, step, at));
    }

    private void Flush(int sequence, int step, DateTimeOffset planned)
    {
        var lane = _lanes[sequence][step];
        if (lane.NextFlush != planned)
        {
            return;
        }

        lane.NextFlush = null;
        var now = _context.Now;
        while (lane.Scheduled.TryPeek(out var pending, out var key) && key.Due <= now.UtcTicks)
        {
            lane.Scheduled.Dequeue();
            lane.Ready.Enqueue(pending);
        }

        if (lane.Ready.Count > 0)
        {
            var answer = _gate.Ask(sequence, step + 1, lane.Ready.Count, now);
            for (var i = 0; i < answer.Granted; i++)
            {
                Send(lane.Ready.Dequeue());
            }

            if (lane.Ready.Count > 0)
            {
                var retry = answer.RetryAt is { } at && at > now + ShortestRetry ? at : now + ShortestRetry;
                FlushAt(sequence, step, _context.Scenario.Sequences[sequence].SendWindow.NextOpen(retry));
            }
        }

        if (lane.Scheduled.TryPeek(out _, out var nextKey))
        {
            FlushAt(sequence, step, new DateTimeOffset(nextKey.Due, TimeSpan.Zero));
        }
    }

    private void Send(Pending p)
    {
        var now = _context.Now;
        var e = p.Enrolment;
        var spec = _context.Scenario.Sequences[e.Sequence];
        var repeat = _context.Sequences[e.Sequence].RecordSend(p.Step + 1, spec.Channel, e.ContactId, now);
        var entry = p.Step == 0 ? 1 : 0;
        _context.Tenant.Record(new TenantActivity(1, 0, 0, 0, entry, repeat ? 1 : 0, 0, 0), now);
        _context.Tally.Sent(e.Sequence, now - p.Planned, now);

        var draw = e.Steps[p.Step];
        switch (draw.Outcome)
        {
            case StepOutcome.Reply:
                var conversation = new SimConversation(
                    $"{e.ContactId}-{p.Step + 1}", e.ContactId, e.LifetimeValue, spec.Channel,
                    new Attribution(spec.Id, p.Step + 1), spec.Trigger, draw.Conversation);
                _context.Loop.At(now + draw.Lag, () =>
                {
                    Outstanding--;
                    _context.Tally.Replied(e.Sequence, _context.Now - now, _context.Now);
                    _intake.Message(conversation);
                });
                break;
            case StepOutcome.Convert:
                _context.Loop.At(now + draw.Lag, () =>
                {
                    Outstanding--;
                    _context.Sequences[e.Sequence].RecordConversion(p.Step + 1, _context.Now);
                });
                break;
            case StepOutcome.None when p.Step + 1 < spec.Steps.Count:
                Schedule(e, p.Step + 1, now);
                break;
            default:
                Outstanding--;
                break;
        }
    }

    /// <summary>A contact's next send, with when the sequencer would have sent it.</summary>
    private readonly record struct Pending(Enrolment Enrolment, int Step, DateTimeOffset Planned);

    /// <summary>One step of one sequence: sends scheduled by due time, and sends due and held back.</summary>
    private sealed class Lane
    {
        public PriorityQueue<Pending, (long Due, long Order)> Scheduled { get; } = new();

        public Queue<Pending> Ready { get; } = new();

        public DateTimeOffset? NextFlush { get; set; }

        public long Order { get; set; }
    }
}
