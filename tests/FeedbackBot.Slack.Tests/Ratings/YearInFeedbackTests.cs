using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Core.YearInFeedback;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Settings;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.Ratings;

/// <summary>
/// "Your year in feedback": off by default, opted into from the settings modal, sent once on the configured local
/// date (Europe/Berlin here, the fake's profile zone), planned again for next year, never twice for one year.
/// </summary>
public sealed class YearInFeedbackTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OptInFromSettings_SentOnceOnTheLocalDate_PlannedForNextYear()
    {
        await using var host = await SlackTestHost.StartAsync(now: Start);
        var schedule = host.Services.GetRequiredService<IYearlySchedule>();
        var run = host.Services.GetRequiredService<YearInFeedbackRun>();
        var u2 = SlackIds.Person(SlackTestHost.Team, "U2");
        var item = new FeedbackItem(Core.Ids.New(host.Time, u2.Workspace), SlackIds.Person(SlackTestHost.Team, "U1"), u2,
            FeedbackContent.FromText("The incident write-up explained why each step mattered"), FeedbackKind.Praise, FeedbackVisibility.Private,
            false, null, null, Start.AddMonths(-2), DeliveryStatus.Delivered, Start.AddMonths(-2));
        await host.Feedback.SaveAsync(item, default);
        await host.Services.GetRequiredService<IValueTagStore>().TagAsync(u2, new ValueTag(item.Id, ["Ownership"], Start), default);

        // Off by default: nothing planned, and the settings modal shows the box unticked.
        Assert.Null(await schedule.GetNextAsync(u2, default));
        await host.PostCommandAsync("settings", user: "U2", triggerId: "t-settings");
        var update = Assert.Single(await host.Slack.WaitForAsync("views.update"));
        var box = update.View!["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == SettingsModal.YearInFeedbackBlock)!;
        Assert.Null(box["element"]!["initial_options"]);

        await host.PostInteractionAsync(Payloads.ViewSubmission(SettingsView(optIn: true), user: "U2"));
        await host.IdleAsync();
        var next = await WaitForPlanAsync(schedule, u2);
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 9, 0, 0, TimeSpan.Zero), next); // 10:00 in Berlin (UTC+1)

        host.Time.SetUtcNow(next.AddMinutes(-1));
        Assert.Equal(0, await run.RunDueAsync(default));
        host.Time.SetUtcNow(next.AddMinutes(5));
        Assert.Equal(1, await run.RunDueAsync(default));
        Assert.Equal(0, await run.RunDueAsync(default));
        var dm = Assert.Single(host.Slack.DmMessages("U2"), m => m.Text == "Your year in feedback, 2026");
        var json = dm.Blocks!.ToJsonString();
        Assert.Contains("You gave *0* and received *1* pieces", json);
        Assert.Contains("Ownership", json);
        Assert.DoesNotContain("U1", json); // no giver named
        Assert.Equal(new DateTimeOffset(2027, 12, 15, 9, 0, 0, TimeSpan.Zero), await schedule.GetNextAsync(u2, default));

        // Even if this year came round again (a second host, a restored schedule), it is sent once.
        await schedule.SetNextAsync(u2, next, default);
        Assert.Equal(0, await run.RunDueAsync(default));
        Assert.Single(host.Slack.DmMessages("U2"), m => m.Text == "Your year in feedback, 2026");

        // Opting out removes the plan.
        await host.PostInteractionAsync(Payloads.ViewSubmission(SettingsView(optIn: false), user: "U2"));
        await host.IdleAsync();
        for (var i = 0; i < 100 && await schedule.GetNextAsync(u2, default) is not null; i++)
        {
            await Task.Delay(50);
        }

        Assert.Null(await schedule.GetNextAsync(u2, default));
    }

    // The settings modal as submitted with only the year-in-feedback box (other fields keep their values).
    private static JsonObject SettingsView(bool optIn) => new()
    {
        ["id"] = "V" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
        ["type"] = "modal",
        ["callback_id"] = SettingsModal.CallbackId,
        ["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                [SettingsModal.YearInFeedbackBlock] = new JsonObject
                {
                    [SettingsModal.YearInFeedbackAction] = new JsonObject
                    {
                        ["type"] = "checkboxes",
                        ["selected_options"] = optIn ? new JsonArray(new JsonObject { ["value"] = "on" }) : new JsonArray(),
                    },
                },
            },
        },
    };

    // The plan is made after the ack (RunAsync); a short bounded wait for it.
    private static async Task<DateTimeOffset> WaitForPlanAsync(IYearlySchedule schedule, Core.People.PersonRef person)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await schedule.GetNextAsync(person, default) is { } at)
            {
                return at;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the year in feedback was not planned");
    }
}
