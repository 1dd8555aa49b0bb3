namespace Balancer.Simulation;

/// <summary>Draws a scenario's <see cref="Workload"/> from one seeded random source, in a fixed order.</summary>
public static class WorkloadBuilder
{
    public static Workload Build(Scenario scenario, Random random)
    {
        var draw = new Draws(random, scenario);
        var inbound = new List<InboundArrival>();
        foreach (var source in scenario.Inbound)
        {
            var values = new Dictionary<int, decimal>();
            var hourlyTotal = source.Hourly.Sum();
            for (var day = 0; day < scenario.Days; day++)
            {
                var date = scenario.Start.AddDays(day);
                var factor = source.Weekdays.Count == 0 ? 1 : source.Weekdays[((int)date.DayOfWeek + 6) % 7];
                for (var hour = 0; hour < 24; hour++)
                {
                    var count = draw.Poisson(source.PerDay * factor * source.Hourly[hour] / hourlyTotal);
                    foreach (var at in draw.Times(date.AddHours(hour), TimeSpan.FromHours(1), count))
                    {
                        var contact = random.Next(source.ContactPool);
                        if (!values.TryGetValue(contact, out var value))
                        {
                            value = draw.LifetimeValue(source.Contacts);
                            values.Add(contact, value);
                        }

                        inbound.Add(new InboundArrival(
                            at, source.Channel, $"{source.Name}-{contact}", value, draw.Conversation(source.Intents)));
                    }
                }
            }
        }

        var enrolments = new List<Enrolment>();
        for (var s = 0; s < scenario.Sequences.Count; s++)
        {
            var sequence = scenario.Sequences[s];
            var times = new List<DateTimeOffset>();
            for (var day = 0; day < scenario.Days; day++)
            {
                if (sequence.Enrolments.Days.Count > 0 && !sequence.Enrolments.Days.Contains(day))
                {
                    continue;
                }

                var opens = scenario.Start.AddDays(day) + sequence.SendWindow.Start.ToTimeSpan();
                var span = sequence.SendWindow.End - sequence.SendWindow.Start;
                times.AddRange(draw.Times(opens, span, draw.Poisson(sequence.Enrolments.PerDay)));
            }

            foreach (var blast in sequence.Enrolments.Blasts)
            {
                var at = scenario.Start.AddDays(blast.Day) + blast.At.ToTimeSpan();
                times.AddRange(Enumerable.Repeat(at, blast.Contacts));
            }

            times.Sort();
            foreach (var at in times)
            {
                var value = draw.LifetimeValue(sequence.Contacts);
                var steps = sequence.Steps.Select(step => draw.Step(step, sequence)).ToList();
                enrolments.Add(new Enrolment(s, $"{sequence.Id}-{enrolments.Count}", at, value, steps));
            }
        }

        return new Workload([.. inbound.OrderBy(a => a.At)], enrolments);
    }

    /// <summary>The distributions, each drawn from the one random source.</summary>
    private sealed class Draws(Random random, Scenario scenario)
    {
        private readonly Dictionary<string, IntentSpec> _intents = scenario.Intents.ToDictionary(i => i.Name);

        public int Poisson(double mean)
        {
            // Knuth's product of uniforms, in chunks so that e^-mean never underflows.
            var count = 0;
            for (var left = mean; left > 0; left -= 100)
            {
                var limit = Math.Exp(-Math.Min(left, 100));
                var product = random.NextDouble();
                while (product > limit)
                {
                    count++;
                    product *= random.NextDouble();
                }
            }

            return count;
        }

        /// <summary><paramref name="count"/> instants uniform in [from, from + span), in order.</summary>
        public IEnumerable<DateTimeOffset> Times(DateTimeOffset from, TimeSpan span, int count) =>
            Enumerable.Range(0, count)
                .Select(_ => from + TimeSpan.FromTicks((long)(random.NextDouble() * span.Ticks)))
                .Order()
                .ToList();

        public decimal LifetimeValue(ContactSpec contacts) =>
            Math.Round((decimal)(contacts.MedianLifetimeValue * Math.Exp(contacts.ValueSpread * Normal())), 2);

        public StepDraw Step(StepSpec step, SequenceSpec sequence)
        {
            var u = random.NextDouble();
            var outcome = u < step.ReplyRate ? StepOutcome.Reply
                : u < step.ReplyRate + step.Conversion ? StepOutcome.Convert
                : StepOutcome.None;
            var lag = TimeSpan.FromTicks((long)(-sequence.ReplyLag.Ticks * Math.Log(1 - random.NextDouble())));
            return new StepDraw(outcome, lag, Conversation(sequence.Intents));
        }

        public ConversationDraw Conversation(IReadOnlyDictionary<string, double> mix)
        {
            var names = mix.Keys.Order(StringComparer.Ordinal).ToList();
            var pick = random.NextDouble() * mix.Values.Sum();
            var intent = names[^1];
            foreach (var name in names)
            {
                pick -= mix[name];
                if (pick < 0)
                {
                    intent = name;
                    break;
                }
            }

            var sigma = scenario.HandleTimeSpread;
            var handle = Math.Exp((sigma * Normal()) - (sigma * sigma / 2));
            return new ConversationDraw(intent, _intents[intent].Complaint, random.NextDouble(), handle);
        }

        /// <summary>A standard normal, by Box and Muller.</summary>
        private double Normal() =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
