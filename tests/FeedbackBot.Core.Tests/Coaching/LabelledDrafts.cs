using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Drafts written and labelled by hand, before the rules were tuned, so agreement measures judgement and not
/// the code agreeing with itself. Labels are five letters in the order specific, why, actionable, kind, timely:
/// <c>m</c> met, <c>x</c> missing, <c>n</c> not applicable. Labelling guide: specific = the receiver could tell
/// which moment or piece of work is meant; why = an effect or reason is stated; actionable = constructive feedback
/// offers a forward-looking next step (praise is n/a); kind = no labels, insults, anger, sarcasm or personal
/// attacks; timely = nothing says the event is older than about two weeks.
/// </summary>
public static class LabelledDrafts
{
    private const FeedbackKind P = FeedbackKind.Praise;
    private const FeedbackKind C = FeedbackKind.Constructive;

    /// <summary>
    /// One labelled draft. <paramref name="DaysAgo"/> sets the event date relative to "now"; <paramref name="Hard"/>
    /// marks a draft written to be hard (sarcasm without cues, vague praise that sounds specific, implicit impact).
    /// </summary>
    public sealed record Case(string Name, CoachDraft Draft, string Labels, int? DaysAgo = null, bool Hard = false);

    private static Case Free(string text, FeedbackKind? kind, string labels, int? daysAgo = null) =>
        new(text, CoachDraft.FromText(text, kind), labels, daysAgo);

    private static Case Sbi(string situation, string behaviour, string impact, string suggestion, FeedbackKind? kind, string labels) =>
        new($"SBI: {situation} | {behaviour} | {impact} | {suggestion}", new CoachDraft(FeedbackTemplate.Sbi, new Dictionary<string, string>
        {
            [TemplateParts.Situation] = situation,
            [TemplateParts.Behaviour] = behaviour,
            [TemplateParts.Impact] = impact,
            [TemplateParts.Suggestion] = suggestion,
        }, kind), labels);

    private static Case Sandwich(string positive, string constructive, string closing, string labels) =>
        new($"Sandwich: {positive} | {constructive} | {closing}", new CoachDraft(FeedbackTemplate.Sandwich, new Dictionary<string, string>
        {
            [TemplateParts.Positive] = positive,
            [TemplateParts.Constructive] = constructive,
            [TemplateParts.Closing] = closing,
        }), labels);

    private static Case Ssc(string start, string stop, string @continue, string labels) =>
        new($"SSC: {start} | {stop} | {@continue}", new CoachDraft(FeedbackTemplate.StartStopContinue, new Dictionary<string, string>
        {
            [TemplateParts.Start] = start,
            [TemplateParts.Stop] = stop,
            [TemplateParts.Continue] = @continue,
        }), labels);

    public static IReadOnlyList<Case> All { get; } =
    [
        // Praise, specific and explained.
        Free("In Tuesday's demo you walked the client through the new billing flow step by step, which made them confident enough to sign the renewal.", P, "mmnmm"),
        Free("Your write-up of the outage yesterday was clear and calm, so the support team could answer customers within minutes.", P, "mmnmm"),
        Free("Thanks for pairing with Priya on the flaky login tests this morning; because of that she shipped her first PR a day early.", P, "mmnmm"),
        Free("The slides you prepared for the quarterly review were easy to follow, and the leadership team approved the budget in one pass.", P, "mmnmm"),
        Free("When you stepped in to facilitate the retro on Friday, everyone got a chance to speak, which helped us agree on two real changes.", null, "mmnmm"),
        Free("I loved how you answered the customer's question in the webinar: you showed the exact setting, and it saved them a support ticket.", P, "mmnmm"),
        Free("Your code review on the payments PR caught the rounding bug before release. That saved us a painful hotfix.", P, "mmnmm"),
        Free("Thank you for documenting the deployment steps in the wiki yesterday; the new hires set up their machines without asking for help.", P, "mmnmm"),
        Free("During the incident call you kept a running timeline, so the postmortem took half the usual time.", null, "mmnmm"),
        Free("The onboarding checklist you built meant Sam was productive in his first week.", P, "mmnmm"),
        Free("Your questions in the planning meeting uncovered a missing requirement, which spared us a week of rework.", P, "mmnmm"),
        Free("You handled the angry client on the phone with real patience, and they thanked us in their email afterwards.", P, "mmnmm"),
        Free("The dashboard you set up for the launch let the whole team see errors in real time.", P, "mmnmm"),
        Free("Great presentation at the all-hands today - the roadmap finally made sense to the sales team because you tied each item to a customer story.", P, "mmnmm"),
        Free("Thank you for staying late on Thursday to help me finish the customer proposal; it went out on time and we won the deal.", P, "mmnmm"),
        Free("Your feedback on my draft spec was kind and precise, which made it easy to fix the gaps before the review.", P, "mmnmm"),
        Free("Really appreciated how you welcomed the new designer at Monday's kickoff. She told me she felt part of the team right away.", P, "mmnmm"),
        Free("Amazing job on the launch, the customers love the new search, thanks to your work on the ranking.", P, "mmnmm"),
        Free("Last week's accessibility audit you ran found 12 issues we fixed before launch, so screen reader users can now check out.", P, "mmnmm"),
        Free("Your summary email after the vendor call on Wednesday meant nobody had to ask what was agreed.", null, "mmnmm"),
        Free("Thanks for catching the typo in the pricing page before it went live; it would have confused thousands of visitors.", P, "mmnmm"),
        Free("The way you broke the migration into three small releases kept the risk low, and we had zero downtime.", P, "mmnmm"),

        // Praise, specific, no why.
        Free("Great job on the demo on Tuesday.", P, "mxnmm"),
        Free("Thanks for the detailed notes from yesterday's standup.", P, "mxnmm"),
        Free("Your slides for the client pitch looked really polished.", P, "mxnmm"),
        Free("Nice work fixing the build pipeline this morning.", P, "mxnmm"),
        Free("I liked the way you ran the sprint planning session.", P, "mxnmm"),
        Free("Thanks for covering the support rota last weekend.", P, "mxnmm"),
        Free("The release notes you wrote for version 2.3 were excellent.", P, "mxnmm"),
        Free("The way you summarised the decision at the end of the meeting was brilliant.", P, "mxnmm"),
        Free("Thanks for the quick turnaround on the invoice fix.", P, "mxnmm"),
        Free("Great job!!! Best. Demo. Ever.", P, "mxnmm"),

        // Praise, vague.
        Free("You're a great team player and it really helps everyone.", P, "xmnmm"),
        Free("Thanks for all your hard work, it makes a big difference to the team.", P, "xmnmm"),
        Free("You always make time for questions from new joiners, and it makes onboarding so much easier.", P, "xmnmm"),
        Free("Great job!", P, "xxnmm"),
        Free("Thanks for everything, you're awesome.", P, "xxnmm"),
        Free("Good work this week.", P, "xxnmm"),
        Free("Good job, keep it up.", null, "xxnmm"),
        Free("Awesome work as always!", P, "xxnmm"),
        Free("You rock.", P, "xxnmm"),
        Free("Thanks!", P, "xxnmm"),
        Free("Well done everyone.", P, "xxnmm"),
        Free("Nice work.", null, "xxnmm"),
        Free("Kudos to you, amazing stuff.", P, "xxnmm"),
        Free("You are the best developer on the team.", P, "xxnmm"),
        Free("Great energy!", P, "xxnmm"),
        Free("So proud of you 🙂", P, "xxnmm"),
        Free("You were fantastic with the interns this summer.", P, "xxnmm"),
        Free("Great job today, really.", P, "xxnmm"),

        // Praise about old events.
        Free("Back in March your migration plan for the database was excellent and it saved us two weeks of downtime.", P, "mmnmx"),
        Free("A few months ago you mentored the interns on testing, which is why their code is so solid now.", P, "xmnmx"),
        Free("Last quarter your sales report was really thorough.", P, "mxnmx"),
        Free("I never got to say it, but your talk at the conference last year inspired me to learn Rust.", P, "mmnmx"),
        Free("Great job a while ago on that thing.", P, "xxnmx"),

        // Constructive, complete.
        Free("In yesterday's standup you interrupted Maria twice while she was explaining the bug, so she stopped sharing. Next time, could you let her finish and ask your questions afterwards?", C, "mmmmm"),
        Free("The PR you opened on Monday had no description, which meant reviewers spent an hour working out what changed. Could you add a short summary and a test plan to the next one?", C, "mmmmm"),
        Free("During the client call this morning, the pricing slide had last year's numbers, and the client noticed. I suggest we double-check figures with finance before each call.", null, "mmmmm"),
        Free("The report you sent on Friday was missing the regional totals, so I had to rebuild them before the board meeting. Next time, please run the checklist before sending.", C, "mmmmm"),
        Free("In the design review you dismissed Tom's proposal without explaining why, and he seemed discouraged afterwards. What if you share your reasoning so he can learn from it?", C, "mmmmm"),
        Free("Your estimate for the search feature was off by three weeks, which pushed the launch. Let's break big tasks into smaller pieces during planning so surprises show up earlier.", C, "mmmmm"),
        Free("When you joined the 10:00 meeting 15 minutes late today, we had to repeat the agenda. Could you send a quick message if you're running late?", null, "mmmmm"),
        Free("I noticed the deployment script you merged yesterday skips the database backup step. That puts customer data at risk if a migration fails. Would you add the backup back and ping me for a review?", C, "mmmmm"),
        Free("In this morning's retro, your comments about the QA team came across as blaming them, and they went quiet. It would help if you describe the process problem instead of the people.", C, "mmmmm"),
        Free("Your email to the vendor on Wednesday didn't mention the deadline, so they planned for next month. Going forward, try putting dates in the first line.", C, "mmmmm"),
        Free("The test suite you added is great, but it takes 20 minutes to run, which slows every PR. Could we split out the slow integration tests?", C, "mmmmm"),
        Free("At the sprint review, the demo crashed because the staging data was stale. I suggest a quick dry run an hour before.", C, "mmmmm"),
        Free("Thanks for taking on the migration. The ticket updates have been sparse, which leaves the team guessing about progress. How about a two-line update in the channel each afternoon?", C, "mmmmm"),
        Free("The standup ran 40 minutes today because of the side discussions. What if we park them for after the meeting?", null, "mmmmm"),
        Free("I found the tone of your message in the #design channel yesterday a bit harsh, and the junior designers were hesitant to reply. Maybe soften the opening next time?", C, "mmmmm"),
        Free("Your commit messages like \"fix stuff\" make it hard to trace changes when we debug. Could you describe what and why in each message?", C, "mmmmm"),
        Free("The handoff document for the Berlin project left out the access process, so the new team was blocked for two days. Could you add a section on access next time?", C, "mmmmm"),
        Free("Your updates in the weekly sync are long, and people tune out before the decision you need. Try leading with the one decision you need.", C, "mmmmm"),
        Free("In Thursday's interview you answered emails while the candidate spoke, and she told the recruiter she felt ignored. Please close your laptop during interviews.", C, "mmmmm"),

        // Constructive, specific and explained, no next step.
        Free("In yesterday's meeting you talked over Priya several times, and she didn't get to present her findings.", C, "mmxmm"),
        Free("The release notes for 4.1 had three broken links, which confused customers and created support tickets.", C, "mmxmm"),
        Free("Your pull request on Tuesday was 3,000 lines long, so the review took two days.", C, "mmxmm"),
        Free("The budget spreadsheet you shared this morning had formula errors, which meant finance had to redo the forecast.", C, "mmxmm"),
        Free("You could have prepared better for the interview on Tuesday; you hadn't read her CV, and she noticed.", C, "mmxmm"),

        // Constructive, a suggestion but vague.
        Free("You need to communicate better. Try to be clearer.", C, "xxmmm"),
        Free("Please be more proactive.", C, "xxmmm"),
        Free("Could you speak up more?", C, "xxmmm"),
        Free("Next time, be more careful.", C, "xxmmm"),
        Free("I suggest you work on your time management.", C, "xxmmm"),
        Free("Please stop scheduling meetings over lunch.", C, "xxmmm"),

        // Constructive, vague and without a next step.
        Free("Your work has been below expectations.", C, "xxxmm"),
        Free("This isn't good enough.", C, "xxxmm"),
        Free("You need to improve.", C, "xxxmm"),
        Free("Not great.", C, "xxxmm"),
        Free("The meeting was a mess.", C, "mxxmm"),
        Free("The retro notes were not shared.", C, "mxxmm"),
        Free("Your presentation had too many slides.", C, "mxxmm"),
        Free("We need to talk about your performance.", C, "xxxmm"),
        Free("It's unprofessional to show up late to client meetings.", C, "xxxmm"),
        Free("I think the demo went well overall, but the Q&A part felt rushed. Could you leave ten minutes for questions next time?", C, "mxmmm"),

        // Constructive and unkind: labels, anger, sarcasm, attacks.
        Free("You are lazy and careless.", C, "xxxxm"),
        Free("You're so careless with the reports, it's ridiculous!!!", C, "xxxxm"),
        Free("Honestly, your presentation was ridiculous. What were you thinking?", C, "mxxxm"),
        Free("WHY IS THE BUILD BROKEN AGAIN?? THIS IS UNACCEPTABLE.", C, "mxxxm"),
        Free("You never listen in meetings.", C, "xxxxm"),
        Free("You always miss deadlines and it's frustrating.", C, "xxxxm"),
        Free("You're an idiot if you think that design will scale.", C, "xxxxm"),
        Free("Stop being so difficult in every meeting.", C, "xxxxm"),
        Free("Your attitude is terrible and the team has noticed.", C, "xxxxm"),
        Free("This code is garbage.", C, "xxxxm"),
        Free("Who approved this?!! Seriously, this is absurd.", C, "xxxxm"),
        Free("You clearly don't care about quality.", C, "xxxxm"),
        Free("Please, for the love of god, READ THE TICKET before you start coding!!!", C, "mxmxm"),
        Free("I'm sure you were very busy, but the status report was due on Monday.", C, "mxxxm"),
        Free("Wow, thanks for finally showing up to the standup, so nice of you.", C, "mxxxm"),
        Free("Nice going, the release broke again. Real smooth.", C, "mxxxm"),
        Free("Yeah right, like you were ever going to finish on time.", C, "xxxxm"),
        Free("Great job breaking production on a Friday, as usual.", C, "mxxxm"),
        Free("I'm really disappointed in you. You let the whole team down on the launch.", C, "mxxxm"),

        // Constructive with heavy hedging (the criteria still apply; hedging is a separate tip).
        Free("Sorry, this is probably just me, but maybe Friday's report was kind of a bit late? Not a big deal though.", C, "mxxmm"),
        Free("I might be wrong, but I think maybe the demo could have gone a little smoother, just a thought.", C, "mxxmm"),

        // Constructive about old events.
        Free("Last quarter you missed the deadline for the audit report, which delayed the filing. Next time, flag risks early.", C, "mmmmx"),
        Free("A few months ago at the offsite you made a joke about the sales team that landed badly with them. Please think about how it sounds to them.", C, "mmmmx"),
        Free("Back in January the onboarding docs you wrote were confusing.", C, "mxxmx"),
        Free("Three weeks ago at the customer workshop you promised a feature we don't plan to build, and now sales has to walk it back. Please check with product before committing to dates.", C, "mmmmx"),

        // Event dates supplied by the form rather than the text.
        Free("Thanks for the clear handover notes before your vacation; I picked up the incident without any confusion.", P, "mmnmx", daysAgo: 30),
        Free("Thanks for the clear handover notes before your vacation; I picked up the incident without any confusion.", P, "mmnmm", daysAgo: 3),
        Free("In the demo you skipped the security section, so the client asked for another meeting. Could you cover it first next time?", C, "mmmmx", daysAgo: 20),
        Free("In the demo you skipped the security section, so the client asked for another meeting. Could you cover it first next time?", C, "mmmmm", daysAgo: 1),

        // Structured templates: the coach must know which part plays which role.
        Sbi("Thursday's sprint review", "you presented the API changes with live examples", "", "", P, "mxnmm"),
        Sbi("In the 1:1 yesterday", "you checked your phone while I was talking", "I felt you weren't interested, so I stopped sharing my concerns", "Could we keep phones away during 1:1s?", C, "mmmmm"),
        Sbi("During the outage on Monday", "you posted updates every 15 minutes", "support could reassure customers and nobody escalated", "", P, "mmnmm"),
        Sbi("", "you were rude", "", "", C, "xxxxm"),
        Sbi("At the client workshop", "you contradicted the account manager in front of the client", "the client asked us afterwards who was in charge", "", C, "mmxmm"),
        Sbi("Last year at the offsite", "you organised the games", "everyone got to know the new team", "", P, "mmnmx"),
        Sbi("In the planning meeting", "you estimated every ticket before the team discussed it", "the juniors stopped giving their own estimates", "Try asking for everyone's number first.", null, "mmmmm"),
        Sandwich("Your analysis in the pricing memo was thorough", "the summary was hard to find, so the execs skipped it", "Keep digging like this", "mmxmm"),
        Sandwich("Thanks for leading the migration", "Next time, could you post the schedule a day earlier so the on-call team can plan?", "Great work overall", "mmmmm"),
        Sandwich("Great job", "", "Keep it up", "xxxmm"),
        Sandwich("Good effort", "the report was a disaster and you're careless", "Thanks", "xxxxm"),
        Ssc("sharing a short agenda before each planning meeting", "", "the clear sprint summaries you post on Fridays", "mxmmm"),
        Ssc("", "", "the Friday summaries, because they keep stakeholders informed", "mmnmm"),
        Ssc("writing tests first for bug fixes, so regressions get caught", "merging without review", "", "xmmmm"),
    ];
}
