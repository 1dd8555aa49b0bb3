using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>
/// Balancer acting: every <see cref="CadenceOptions.Period"/> it reads the ledgers as the grains
/// would, lets the cadence controller decide each sequence's grade, shares the spare human minutes
/// out with <see cref="LookAhead.Budgets"/>, and hands both to each sequence's
/// <see cref="SendAdmission"/>, which the sender asks before every send.
/// </summary>
internal sealed class BalancerGate : ISendGate
{
    private readonly RunContext _context;
    private readonly Desk _desk;
    private readonly CadenceOptions _options;
    private readonly CadenceController _controller;
    private readonly SendAdmission[] _admissions;
    private readonly CadenceDirective?[] _directives;
    private readonly ArrivalProfile _profile = new();
    private CadenceInputReader? _reader;

    public BalancerGate(RunContext context, Desk desk, Random random)
    {
        _context = context;
        _desk = desk;
        _options = context.Scenario.Cadence;
        _controller = new CadenceController(_options, random);
        _admissions = [.. context.Scenario.Sequences.Select(s => new SendAdmission(s.Id, context.Scenario.Admission))];
        _directives = new CadenceDirective?[context.Scenario.Sequences.Count];
    }

    /// <summary>Sequences above Normal at the last decision.</summary>
    public int Throttled { get; private set; }

    /// <summary>Grade changes over the run, over all sequences.</summary>
    public int DirectiveChanges { get; private set; }

    /// <summary>Decides now and every period from now on.</summary>
    public void Start(Sender sender)
    {
        _reader = new CadenceInputReader(_context, _desk, sender, _profile);
        _context.Loop.Every(_context.Now, _options.Period, () =>
        {
            Decide();
            return true;
        });
    }

    public GateAnswer Ask(int sequence, int step, int count, DateTimeOffset now)
    {
        var grant = _admissions[sequence].Admit(step, count, now);
        return new GateAnswer(grant.Granted, grant.RetryAfter is { } after ? now + after : null);
    }

    public double StretchFactor(int sequence) => _directives[sequence]?.StretchFactor ?? 1;

    private void Decide()
    {
        var now = _context.Now;
        _context.AdvanceQueues();
        var input = _reader!.Read(now);
        var directives = _controller.Decide(input);
        var budgets = input.Sequences.ToDictionary(s => s.SequenceId, s => s.DemandMinutesPerHour);
        foreach (var chat in new[] { false, true })
        {
            if (LookAhead.Of(input, _options, chat) is { } ahead)
            {
                foreach (var allotment in LookAhead.Budgets(ahead, input, directives, _options))
                {
                    budgets[allotment.SequenceId] = allotment.MinutesPerHour;
                }
            }
        }

        Throttled = 0;
        for (var i = 0; i < directives.Count; i++)
        {
            var directive = directives[i];
            _directives[i] = directive;
            Throttled += directive.Grade > Grade.Normal ? 1 : 0;
            DirectiveChanges += directive.Changed ? 1 : 0;
            // Sends the budget does not bound are told to admission as costing no human minutes,
            // which it does not bound either.
            var minutes = LookAhead.Budgeted(input.Sequences[i], _options) ? input.Sequences[i].HumanMinutesPerSend : 0;
            _admissions[i].Update(directive, minutes, budgets[directive.SequenceId], now);
        }
    }
}
