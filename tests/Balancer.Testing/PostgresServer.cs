using System.Diagnostics;
using System.Net;
using Npgsql;
using Xunit;

namespace Balancer.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 server for a test assembly: initialised in a temporary folder owned by the
/// <c>postgres</c> user, listening on a free loopback port, stopped and deleted on dispose. Fault tests may
/// stop it and start it again on the same port and data. It fails, never skips, when the binaries are
/// missing. A test assembly shares it through a collection fixture of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>Where Debian's postgresql-15 package puts the server's programs.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private const string User = "postgres";

    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(30);

    private int _databases;

    private string? _folder;

    private bool _running;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(Folder, "data");

    private string Folder => _folder ?? throw new InvalidOperationException("The server is not initialised.");

    public async Task InitializeAsync()
    {
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
        {
            var path = Path.Combine(BinDirectory, program);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL's {program} is not at {path}: install postgresql-15 to run the tests that need it.");
            }
        }

        _folder = Directory.CreateTempSubdirectory("balancer-pg-").FullName;
        if (Environment.UserName == "root")
        {
            await Run("chown", ["-R", $"{User}:", Folder]);
        }

        Port = LoopbackPort.Free();
        await RunServer("initdb", ["-A", "trust", "-U", User, "-D", DataDirectory, "--no-sync"]);
        await Start();
    }

    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        try
        {
            if (_running)
            {
                await Stop(immediate: true);
            }
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
            _folder = null;
        }
    }

    /// <summary>
    /// Starts the server on its port and data folder, again after <see cref="Stop"/>; waits until it serves.
    /// </summary>
    public async Task Start()
    {
        await RunServer(
            "pg_ctl",
            [
                "start", "-w", "-t", "30", "-D", DataDirectory, "-l", Path.Combine(Folder, "server.log"),
                "-o", $"-p {Port} -k {Folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            ]);
        _running = true;
    }

    /// <summary>
    /// Stops the server: with <paramref name="immediate"/>, at once, as a crash would (open connections are cut
    /// and the next start recovers); otherwise after rolling back open transactions and closing connections.
    /// </summary>
    public async Task Stop(bool immediate = false)
    {
        var mode = immediate ? "immediate" : "fast";
        await RunServer("pg_ctl", ["stop", "-m", mode, "-w", "-t", "30", "-D", DataDirectory]);
        _running = false;
    }

    /// <summary>The connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = Port,
            Username = User,
            Database = database,
            Pooling = false,
            Timeout = 10,
            CommandTimeout = 30,
        }.ConnectionString;

    /// <summary>Creates an empty database of its own for one test and returns its connection string.</summary>
    public async Task<string> CreateDatabase()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync().WaitAsync(CommandLimit);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync().WaitAsync(CommandLimit);
        return ConnectionString(name);
    }

    private Task RunServer(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(BinDirectory, program);
        return Environment.UserName == "root"
            ? Run("runuser", ["-u", User, "--", path, .. arguments])
            : Run(path, arguments);
    }

    private static async Task Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(CommandLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} took longer than {CommandLimit}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: "
                + $"{await error}{await output}");
        }
    }
}
