using Balancer.Contracts.Api;
using OpenQA.Selenium;

namespace Balancer.EndToEnd.Tests;

/// <summary>The live page in a real browser, against the real api: what an operator sees, as they see it.</summary>
[Collection(ApiCollection.Name)]
public sealed class LivePageTests(ApiFixture fixture)
{
    private static readonly By Status = By.Id("status");

    [Fact]
    public async Task LivePage_QueueBreaches_ShowsQueueFiguresAndCriticalWarning()
    {
        var tenant = ApiFixture.NewTenant("live-page");
        await Tenants.Configure(fixture.For(tenant), [("premium", 60)], ["ana"], [("welcome", 2)]);
        using var browser = BrowserSession.Start();

        browser.Open($"{fixture.WebUrl}/#key={await Viewer(tenant)}");
        browser.WaitFor(Row("queue", "premium"));
        browser.WaitForText(Status, "live");
        Assert.Equal("0", browser.TextOf(Cell("queue", "premium", "depth")));
        Assert.Equal("—", browser.TextOf(Cell("queue", "premium", "breach-rate")));
        Assert.Equal("0", browser.TextOf(Cell("sequence", "welcome", "replies")));

        // Ten replies open ten conversations in premium, each due a human response within 60 s.
        var batch = new EventBatch { BatchId = "replies" };
        batch.Events.AddRange(Enumerable.Range(1, 10).Select(i => new Event
        {
            EventId = $"reply-{i}",
            OccurredAtMs = fixture.NowMs,
            Reply = new Reply
            {
                ConversationId = $"conversation-{i}", ContactId = $"contact-{i}", SequenceId = "welcome", Step = 1,
                QueueId = "premium",
            },
        }));
        var ack = await new Ingest.IngestClient(fixture.For(tenant))
            .SubmitAsync(batch, deadline: DateTime.UtcNow.AddSeconds(15));
        Assert.Equal(10, ack.Accepted);
        browser.WaitForText(Cell("queue", "premium", "depth"), "10");
        browser.WaitForText(Cell("sequence", "welcome", "replies"), "10");
        Assert.Equal("normal", browser.TextOf(Cell("sequence", "welcome", "directive")));

        // Past the window, all ten breach: 10 of 10 decided, at the minimum sample, is critical.
        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        browser.WaitForText(Cell("queue", "premium", "breach-rate"), "100.0%");
        browser.WaitForText(Cell("queue", "premium", "level"), "critical");
        var warning = browser.WaitFor(By.CssSelector("#warnings li.warning.level-critical[data-subject='premium']"));

        Assert.Equal("10", browser.TextOf(Cell("queue", "premium", "depth")));
        Assert.Equal("61.0", browser.TextOf(Cell("queue", "premium", "oldest-wait")));
        // The queue blames the sequence on its next tick, and the sequence pushes its own snapshot.
        browser.WaitForText(Cell("sequence", "welcome", "breaches"), "10");
        Assert.Equal(
            "Queue premium: breach rate 100.0% over 1h reached the critical threshold 22.0%.", warning.Text);
        Assert.Equal("queue", warning.GetAttribute("data-scope"));

        // The tenant's own breach rate is the same ten conversations, so it goes critical alongside.
        var tenantWarning = browser.WaitFor(
            By.CssSelector($"#warnings li.warning.level-critical[data-scope='tenant'][data-subject='{tenant}']"));
        Assert.Equal(
            $"Tenant {tenant}: breach rate 100.0% over 1h reached the critical threshold 22.0%.", tenantWarning.Text);
        Assert.Equal(2, browser.Driver.FindElements(By.CssSelector("#warnings li.warning")).Count);
        Assert.False(browser.Driver.FindElement(By.Id("warnings-empty")).Displayed);

        // Critical asks the cadence controller to pause the sequence; it climbs there a grade a
        // decision, and the page shows each grade as its directive arrives.
        browser.WaitForText(Cell("sequence", "welcome", "directive"), "paused");
        Assert.Equal(
            "breach level critical; among those making the most human work (10.0 an hour)",
            browser.Driver.FindElement(Cell("sequence", "welcome", "directive")).GetAttribute("title"));

        browser.SaveScreenshot(Path.Combine(Path.GetTempPath(), "balancer-live.png"));
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task LivePage_KeyOfANewTenant_ShowsLiveStatusTheTenantAndEmptyTablesAndHidesTheKey()
    {
        var tenant = ApiFixture.NewTenant("nobody");
        using var browser = BrowserSession.Start();

        browser.Open($"{fixture.WebUrl}/#key={await Viewer(tenant)}");
        browser.WaitForText(Status, "live");

        Assert.Equal("Balancer — live", browser.Driver.Title);
        Assert.Equal(tenant, browser.TextOf(By.Id("tenant")));
        Assert.Equal($"{fixture.WebUrl}/", browser.Driver.Url);
        Assert.Equal("No queues.", browser.TextOf(By.CssSelector("#queue-rows tr.empty-row")));
        Assert.Equal("No sequences.", browser.TextOf(By.CssSelector("#sequence-rows tr.empty-row")));
        Assert.Equal("No warnings.", browser.TextOf(By.Id("warnings-empty")));
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("#queue-rows tr[data-queue], #warnings li")));
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task LivePage_KeyEntered_SwitchesToItsTenant()
    {
        var first = ApiFixture.NewTenant("nobody");
        var second = ApiFixture.NewTenant("live-switch");
        await Tenants.Configure(fixture.For(second), [("basic", 300)], [], [("nurture", 1)]);
        using var browser = BrowserSession.Start();
        browser.Open($"{fixture.WebUrl}/#key={await Viewer(first)}");
        browser.WaitForText(By.Id("tenant"), first);

        var input = browser.Driver.FindElement(By.Id("key"));
        input.SendKeys(await Viewer(second) + OpenQA.Selenium.Keys.Enter);

        browser.WaitForText(Cell("queue", "basic", "queue"), "basic");
        browser.WaitForText(Status, "live");
        Assert.Equal(second, browser.TextOf(By.Id("tenant")));
        Assert.Equal("", input.GetAttribute("value"));
        Assert.Equal("0", browser.TextOf(Cell("sequence", "nurture", "sends")));
        Assert.Equal("—", browser.TextOf(Cell("sequence", "nurture", "human-share")));
        Assert.Equal("normal", browser.TextOf(Cell("queue", "basic", "level")));
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task LivePage_KeyRefusedOrWithoutTheViewerRole_ShowsWhyAndDoesNotRetry()
    {
        var tenant = ApiFixture.NewTenant("live-refused");
        var sender = await fixture.Keys.Issue(tenant, Role.Sender);
        using var browser = BrowserSession.Start();
        browser.RunBeforeEveryPage(WatchSocketsAndStatus);

        browser.Open($"{fixture.WebUrl}/#key=bal_{new string('0', 24)}_{new string('A', 43)}");
        browser.WaitForText(Status, "error: the key was refused");
        var input = browser.Driver.FindElement(By.Id("key"));
        input.SendKeys(sender + OpenQA.Selenium.Keys.Enter);
        browser.WaitForText(Status, "error: the key does not hold the viewer role");

        string[] expected =
        [
            "connecting…", "error: the key was refused",
            "connecting…", "error: the key does not hold the viewer role",
        ];
        Assert.Equal(expected, Statuses(browser));
        Assert.Equal(0L, browser.Driver.ExecuteScript("return window.testSockets.length;"));
        Assert.Equal("", browser.TextOf(By.Id("tenant")));
    }

    [Fact]
    public async Task LivePage_KeyRevokedWhileLive_ShowsWhyAndDoesNotRetry()
    {
        var tenant = ApiFixture.NewTenant("live-revoked");
        await Tenants.Configure(fixture.For(tenant), [("standard", 300)], [], [("nurture", 1)]);
        var key = await Viewer(tenant);
        var keyId = key.Substring(4, 24);
        using var browser = BrowserSession.Start();
        browser.RunBeforeEveryPage(WatchSocketsAndStatus);
        browser.Open($"{fixture.WebUrl}/#key={key}");
        browser.WaitForText(Status, "live");

        await new Contracts.Api.Keys.KeysClient(fixture.For(tenant)).RevokeKeyAsync(
            new RevokeKeyRequest { KeyId = keyId }, deadline: DateTime.UtcNow.AddSeconds(15));

        browser.WaitForText(Status, $"error: the API key {keyId} was revoked");
        // Well past the first reconnect's pause (1 s): the page has not tried again.
        await Task.Delay(TimeSpan.FromSeconds(2));
        string[] expected = ["connecting…", "joining…", "live", $"error: the API key {keyId} was revoked"];
        Assert.Equal(expected, Statuses(browser));
        Assert.Equal(1L, browser.Driver.ExecuteScript("return window.testSockets.length;"));
        Assert.Equal(3L, browser.Driver.ExecuteScript("return window.testSockets[0].readyState;"));
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task LivePage_SocketDrops_ReconnectsRejoinsAndKeepsUpdating()
    {
        var tenant = ApiFixture.NewTenant("live-reconnect");
        await Tenants.Configure(fixture.For(tenant), [("standard", 300)], [], [("nurture", 1)]);
        using var browser = BrowserSession.Start();
        browser.RunBeforeEveryPage(WatchSocketsAndStatus);
        browser.Open($"{fixture.WebUrl}/#key={await Viewer(tenant)}");
        browser.WaitForText(Status, "live");

        browser.Driver.ExecuteScript("window.testSockets.at(-1).close();");
        string[] expected =
            ["connecting…", "joining…", "live", "reconnecting in 1 s", "connecting…", "joining…", "live"];
        string[] seen = [];
        browser.WaitUntil(
            () => (seen = Statuses(browser)).Length >= expected.Length,
            () => $"the page to reconnect; statuses so far: {string.Join(", ", seen)}");
        Assert.Equal(expected, seen);
        Assert.Equal(2L, browser.Driver.ExecuteScript("return window.testSockets.length;"));

        // The new connection joined the tenant again: what happens now still reaches the page.
        var batch = new EventBatch { BatchId = "after-reconnect" };
        batch.Events.Add(new Event
        {
            EventId = "reply-1",
            OccurredAtMs = fixture.NowMs,
            Reply = new Reply
            {
                ConversationId = "conversation-1", ContactId = "contact-1", SequenceId = "nurture", Step = 1,
                QueueId = "standard",
            },
        });
        var ack = await new Ingest.IngestClient(fixture.For(tenant))
            .SubmitAsync(batch, deadline: DateTime.UtcNow.AddSeconds(15));
        Assert.Equal(1, ack.Accepted);
        browser.WaitForText(Cell("queue", "standard", "depth"), "1");
        Assert.Empty(browser.ConsoleErrors());
    }

    /// <summary>
    /// Keeps every WebSocket the page opens, so the test can drop one, and every text the connection
    /// status shows, so the test can check the page went through reconnecting rather than race to see it.
    /// </summary>
    private const string WatchSocketsAndStatus = """
        window.testSockets = [];
        window.WebSocket = class extends window.WebSocket {
          constructor(...args) {
            super(...args);
            window.testSockets.push(this);
          }
        };
        window.testStatuses = [];
        document.addEventListener('DOMContentLoaded', () => {
          const status = document.getElementById('status');
          new MutationObserver(() => {
            if (window.testStatuses.at(-1) !== status.textContent) {
              window.testStatuses.push(status.textContent);
            }
          }).observe(status, { childList: true, characterData: true, subtree: true });
        });
        """;

    private static string[] Statuses(BrowserSession browser) =>
        [.. Assert.IsAssignableFrom<IEnumerable<object>>(
            browser.Driver.ExecuteScript("return window.testStatuses;")).Cast<string>()];

    /// <summary>A key of the tenant for the page: the viewer role, and nothing else.</summary>
    private Task<string> Viewer(string tenant) => fixture.Keys.Issue(tenant, Role.Viewer);

    private static By Row(string kind, string id) => By.CssSelector($"tr[data-{kind}='{id}']");

    private static By Cell(string kind, string id, string field) =>
        By.CssSelector($"tr[data-{kind}='{id}'] td[data-field='{field}']");
}
