using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Drafts written and labelled after the word lists were frozen, and never used to tune them: agreement here
/// estimates how the coach does on text it has not seen. Same label format as <see cref="LabelledDrafts"/>.
/// </summary>
public static class HoldoutDrafts
{
    private const FeedbackKind P = FeedbackKind.Praise;
    private const FeedbackKind C = FeedbackKind.Constructive;

    private static LabelledDrafts.Case Free(string text, FeedbackKind? kind, string labels) =>
        new(text, CoachDraft.FromText(text, kind), labels);

    public static IReadOnlyList<LabelledDrafts.Case> All { get; } =
    [
        Free("Your walkthrough of the caching layer at Wednesday's brown-bag got three teams to adopt it.", P, "mmnmm"),
        Free("Appreciate you jumping on the pager alert at 2am; customers barely noticed the blip.", P, "mmnmm"),
        Free("The new README is so much clearer, and I set the project up in ten minutes instead of an afternoon.", P, "mmnmm"),
        Free("Loved your questions to the candidate this afternoon.", P, "mxnmm"),
        Free("Thanks for organising the team lunch on Friday.", P, "mxnmm"),
        Free("You are such a pleasure to work with.", P, "xxnmm"),
        Free("Superb effort, as ever.", P, "xxnmm"),
        Free("Brilliant!", P, "xxnmm"),
        Free("You handled that tricky escalation from the Acme account really well, and they renewed.", P, "mmnmm"),
        Free("Six months ago you rewrote the billing job and it hasn't failed since.", P, "mmnmx"),
        Free("Your slide deck for the board had typos on four slides, which undercut our credibility. Please have someone proofread before it goes out.", C, "mmmmm"),
        Free("On Monday's call you promised the client a date without checking with engineering, so we now have to renegotiate. Loop in the tech lead before committing next time.", C, "mmmmm"),
        Free("The logs you added yesterday print customer emails in plain text. That's a privacy risk. Could you mask them?", C, "mmmmm"),
        Free("Your comments on Dana's pull request were blunt, and she felt embarrassed in front of the team.", C, "mmxmm"),
        Free("The sprint demo went over time by 25 minutes.", C, "mxxmm"),
        Free("Try to be more of a team player.", C, "xxmmm"),
        Free("Consider sharing drafts earlier.", C, "xxmmm"),
        Free("Your documentation is lacking.", C, "xxxmm"),
        Free("Honestly this is embarrassing. Do better.", C, "xxxxm"),
        Free("Typical. You've messed up the deploy AGAIN and NOBODY is surprised.", C, "mxxxm"),
        Free("You're hopeless at estimates.", C, "xxxxm"),
        Free("Oh wonderful, another meeting that could have been an email.", C, "mxxxm"),
        Free("Thanks so much for the 'quick' review that took a week.", C, "mxxxm"),
        Free("You seem to not care about the team's deadlines.", C, "xxxxm"),
        Free("Last month you skipped the security review for the payments change, which let a bug through. Please book the review before merging.", C, "mmmmx"),
        Free("Ages ago you said you'd fix the flaky test.", C, "mxxmx"),
        Free("It'd be great if you could add acceptance criteria to each ticket, because QA keeps guessing what done means.", C, "mmmmm"),
        Free("I just wanted to maybe mention that the standup notes were sort of incomplete, sorry!", C, "mxxmm"),
        Free("Going forward, please cc me on vendor emails.", C, "xxmmm"),
        Free("When you reviewed my design doc on Thursday you explained each concern with an example, which taught me a lot.", P, "mmnmm"),
    ];
}
