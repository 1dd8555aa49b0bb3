using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Balancer.Testing;

/// <summary>
/// Runs one of Balancer's programs (the silo or the api) as a process of its own, from the output folder
/// its build left, and ends it with the test: killed at once (<see cref="Kill"/>, as a crash), stopped
/// gracefully (<see cref="Stop"/>, as an orchestrator does), or killed on dispose if still running.
/// </summary>
public sealed class ProcessHost : IAsyncDisposable
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _awaited = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProcessHost(Process process, string name)
    {
        Name = name;
        _process = process;
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _exited.TrySetResult();
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (_process.HasExited)
        {
            _exited.TrySetResult();
        }
    }

    /// <summary>The program's name and process id, for messages.</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed so far, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="project">The project's folder from the repository root, e.g. "silo/Balancer.Silo".</param>
    public static ProcessHost Start(string project, params string[] args) =>
        Start(project, new Dictionary<string, string?>(), args);

    /// <param name="project">The project's folder from the repository root, e.g. "silo/Balancer.Silo".</param>
    /// <param name="environment">Variables set for the process, on top of the test's own; null removes one.</param>
    public static ProcessHost Start(
        string project, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var name = Path.GetFileName(project);
        var dll = Path.Combine(RepositoryRoot(), project, "bin", BuildConfiguration(), "net10.0", name + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing; build the solution first.", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        return new ProcessHost(process, $"{name} ({process.Id})");
    }

    /// <summary>Waits until <paramref name="url"/> answers 200, or fails with what the process printed.</summary>
    public async Task WaitHealthy(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} of {Name} was not healthy within {timeout}:\n{Output}");
    }

    /// <summary>
    /// Waits until the process prints a line containing <paramref name="text"/>, printed already or to come,
    /// and returns that line; fails if the process exits first or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<string> WaitForLine(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var line = _output.ToString().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line.TrimEnd('\r');
            }

            _awaited.Add((text, seen));
        }

        var first = await Task.WhenAny(seen.Task, _exited.Task).WaitAsync(timeout);
        if (first != seen.Task)
        {
            throw new InvalidOperationException($"{Name} exited before printing '{text}':\n{Output}");
        }

        return await seen.Task;
    }

    /// <summary>Waits until the process ends by itself and returns its exit code; fails after the timeout.</summary>
    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        await _exited.Task.WaitAsync(timeout);
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Kills the process and its children at once (SIGKILL), as a crash would; waits for its end.</summary>
    public async Task Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _exited.Task.WaitAsync(ExitLimit);
    }

    /// <summary>
    /// Asks the process to stop (SIGTERM), as an orchestrator does, and waits until it has; kills it and fails
    /// if it takes longer than <paramref name="timeout"/>.
    /// </summary>
    public async Task Stop(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        var signal = new ProcessStartInfo("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]);
        using (var kill = Process.Start(signal) ?? throw new InvalidOperationException("kill did not start."))
        {
            await kill.WaitForExitAsync().WaitAsync(ExitLimit);
        }

        try
        {
            await _exited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await Kill();
            throw new TimeoutException($"{Name} did not stop within {timeout} of SIGTERM:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> seen;
        lock (_output)
        {
            _output.AppendLine(line);
            seen = _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).Select(a => a.Seen).ToList();
            _awaited.RemoveAll(a => seen.Contains(a.Seen));
        }

        foreach (var s in seen)
        {
            s.TrySetResult(line);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Balancer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Balancer.sln was not found above the test's folder.");
    }

    /// <summary>Debug or Release: the folder above the target framework's in this test's output path.</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}
