using Grpc.Core;

namespace Balancer.Cli;

/// <summary>The tool's commands, each given its own options.</summary>
public static class Commands
{
    public const string Usage = """
        balancer <command> [options]

        Commands:
          demo    Configure a demo tenant, stream a burst that overruns its premium queue, and print the
                  warnings that arrive over SignalR, and the address of the live page with a viewer key.
                  Needs a running Balancer.
                    --web URL      the api's web endpoint (default http://localhost:5080)
                    --grpc URL     the api's gRPC endpoint (default http://localhost:5081)
                    --tenant ID    the tenant to create (default demo-<time>)
                    --key KEY      a key of the tenant with the admin, sender and viewer roles; without
                                   one, the demo issues its own with the bootstrap key
                    --bootstrap-key KEY   the api's bootstrap key (default $BALANCER_BOOTSTRAP_KEY, else
                                   the development key, balancer-development-bootstrap-key-for-local-use-only)
          bench   Measure ingest through the full pipeline against a bare gRPC sink, in this process,
                  and write the figures to bench/.
                    --events N     events per round (default 2000000)
                    --rounds N     rounds of each kind (default 5)
                    --batch N      events per batch (default 500)
                    --streams N    concurrent ingest streams (default 4)
                    --out DIR      where to write the results (default bench)
          conversations
                  Measure holding open conversations as entries in their queue's grain against a grain
                  each, in one in-process silo, and write the figures to bench/.
                    --conversations N   conversations opened each way (default 100000)
                    --batch N      events per queue call (default 500)
                    --out DIR      where to write the results (default bench)
          simulate
                  Play a scenario in virtual time three ways (observing only; a static cap per sequence,
                  tuned to Balancer's breach rate; Balancer acting), print the figures, and write a plot
                  and a summary of them.
                    --scenario FILE|NAME   a scenario file, a shipped scenario by name, or all
                                   (default drip-campaign)
                    --seed N       the seed of the workload and of the controller's jitter (default 1)
                    --out DIR      where to write NAME.svg and NAME.md (default bench/simulation)
          migrate Apply the PostgreSQL migrations a database lacks (each once, under an advisory lock)
                  and print their versions.
                    --connection STRING   the PostgreSQL connection string (required)
          keys create --tenant ID --role sender,viewer,admin [--name NAME]
                  Issue a key and print its secret, this once.
          keys list [--tenant ID]
                  List the tenant's keys, revoked ones included; never a secret.
          keys revoke --id KEYID [--tenant ID]
                  Revoke a key: the api refuses it from then on (within its key cache time, 5 s).
                  Every keys command takes:
                    --grpc URL     the api's gRPC endpoint (default http://localhost:5081)
                    --key KEY      the bootstrap key, which manages any tenant's keys and needs --tenant,
                                   or an admin key, which manages its own tenant's and takes no --tenant
                                   (default $BALANCER_KEY)
        """;

    public static async Task<int> Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            // keys takes an action before its options: keys create --tenant ...
            var options = Options.Parse(args.AsSpan(args[0] == "keys" ? Math.Min(2, args.Length) : 1));
            return args[0] switch
            {
                "demo" => await Demo.Run(options),
                "bench" => await Bench.Run(options),
                "conversations" => await ConversationModel.Run(options),
                "simulate" => Simulate.Run(options),
                "migrate" => await Migrate.Run(options),
                "keys" => await KeyCommands.Run(args.Length > 1 ? args[1] : "", options, Console.Out),
                _ => Fail($"Unknown command '{args[0]}'."),
            };
        }
        catch (ArgumentException ex)
        {
            return Fail(ex.Message);
        }
        catch (RpcException ex)
        {
            Console.Error.WriteLine($"The call to the api failed ({ex.StatusCode}): {ex.Status.Detail}");
            return 1;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

/// <summary>Options as <c>--name value</c> pairs.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(ReadOnlySpan<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value', got '{args[i]}'.");
            }

            options._values[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Number(string name, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"--{name} must be a whole number from {min} to {max}; it is '{text}'.");
    }
}
