using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using static FeedbackBot.Core.Tests.Coaching.RuleReview;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Coach v8's rules (docs/coach.md, "Coach v8"): <c>actionable</c> (proposals the coach did not read, incident reports
/// read as praise) and <c>why</c> (the writer's side affected, a typed dash), each in every language it applies to, on
/// drafts written for these tests (not taken from a labelled set), with the look-alikes each rule must leave alone.
/// </summary>
public sealed class CoachV8RuleTests
{
    [Theory]
    // A question opened by a hedge proposes a step, whatever its verb; an abbreviated hedge keeps its question.
    [InlineData("en", "The release notes are hard to scan. Maybe put the breaking changes first?", "maybe")]
    [InlineData("de", "Die Agenda war sehr voll. Vielleicht reichen drei Themen pro Termin?", "vielleicht")]
    [InlineData("de", "Das Protokoll ist knapp. Evtl. noch eine Liste der offenen Punkte?", "evtl")]
    [InlineData("es", "El informe es muy largo. ¿Quizás un resumen de tres líneas al principio?", "quizás")]
    // "would help", an easier or good alternative, what the receiver thinks of a step, a request put to anyone.
    [InlineData("en", "Your tickets rarely say how to reproduce the bug; a short checklist would help.", "would help")]
    [InlineData("en", "Wouldn't it be easier to book the room for the whole quarter?", "wouldn't it be easier")]
    [InlineData("en", "The on-call doc is out of date. Could someone update it before Friday?", "could someone")]
    [InlineData("de", "Wäre es nicht einfacher, den Raum gleich fürs ganze Quartal zu buchen?", "wäre es nicht einfacher")]
    [InlineData("de", "Was hältst du davon, die Zahlen schon am Vortag zu verschicken?", "was hältst du davon")]
    [InlineData("de", "Der Drucker im 2. Stock ist leer. Kann jemand heute Papier nachfüllen?", "kann jemand")]
    [InlineData("es", "Estaría bueno que mandes la minuta el mismo día de la reunión.", "estaría bueno que")]
    [InlineData("es", "¿No sería más fácil reservar la sala para todo el trimestre?", "no sería más fácil")]
    [InlineData("es", "La impresora del segundo piso no tiene papel. ¿Alguien puede reponerlo hoy?", "alguien puede")]
    public void Review_V8Proposal_IsANextStep(string language, string text, string evidence)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.True(report.Actionable.Verdict == Verdict.Met, string.Join(" | ", report.Actionable.Evidence));
        Assert.True(report.Actionable.Evidence.Any(e => e.Contains(evidence, StringComparison.OrdinalIgnoreCase)), string.Join(" | ", report.Actionable.Evidence));
    }

    [Theory]
    // A hedge that opens a statement or sits inside the sentence guesses; it proposes nothing.
    [InlineData("en", "The deploy failed twice yesterday. Maybe the network was slow.")]
    [InlineData("de", "Der Bericht kam zu spät. Vielleicht war die Vorlage unklar.")]
    [InlineData("es", "El informe llegó tarde. Quizás la plantilla no estaba clara.")]
    // Hindsight ("would have helped") is no step; a question about what the receiver thinks asks for an opinion.
    [InlineData("en", "The launch email went out without a link. A second reader would have helped.")]
    [InlineData("de", "Die Präsentation war zu lang. Denkst du, das war allen klar?")]
    public void Review_V8ProposalLookAlikes_AreNoStep(string language, string text)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.True(report.Actionable.Verdict == Verdict.Missing, string.Join(" | ", report.Actionable.Evidence));
    }

    [Theory]
    // Kind not said: an incident with its consequence, crediting nobody, is a report (criticism), so it lacks a step.
    [InlineData("en", "The payroll export ran twice last night and 40 people got paid double.", Verdict.Missing)]
    [InlineData("es", "El servidor de correo se cayó a las nueve y perdimos la mañana con los clientes.", Verdict.Missing)]
    [InlineData("de", "Die Kasse in Filiale 3 war gestern zwei Stunden offline, und wir konnten nichts verkaufen.", Verdict.Missing)]
    // Look-alikes: the same kind of effect credited to the receiver, or said to be good, is praise.
    [InlineData("en", "Your payroll export cut the monthly close from three days to one.", Verdict.NotApplicable)]
    [InlineData("es", "Tu plantilla nueva es genial: el cierre pasó de tres días a uno.", Verdict.NotApplicable)]
    [InlineData("de", "Deine neue Vorlage ist super, der Monatsabschluss dauert nur noch einen Tag.", Verdict.NotApplicable)]
    public void Review_V8KindNotSaid_AnIncidentWithItsConsequenceIsAReport(string language, string text, Verdict actionable)
    {
        var report = Review(text, language, null);

        Assert.True(report.Actionable.Verdict == actionable, string.Join(" | ", report.Actionable.Evidence));
    }

    [Theory]
    // The writer's side in the plural opening a later clause: who the work affected.
    [InlineData("en", "You moved the standup to 9:30, and we finally finish planning before lunch.", "we finally")]
    [InlineData("de", "Du hast die Vorlage im Oktober überarbeitet, wir lagen im November nie über Budget.", "wir lagen")]
    [InlineData("es", "Ordenaste el almacén el viernes y estuvimos toda la semana sin buscar nada.", "estuvimos")]
    // A hyphen between spaces is a typed dash, a clause break like "–".
    [InlineData("en", "You rewrote the onboarding guide last month - the new hires set up their laptops alone.", "the new hires")]
    public void Review_V8Effect_IsAWhy(string language, string text, string evidence)
    {
        var report = Review(text, language, FeedbackKind.Praise);

        Assert.True(report.Why.Verdict == Verdict.Met, string.Join(" | ", report.Why.Evidence));
        Assert.True(report.Why.Evidence.Any(e => e.Contains(evidence, StringComparison.OrdinalIgnoreCase)), string.Join(" | ", report.Why.Evidence));
    }

    [Theory]
    // What the writer's side must do is a request; "I" is a reaction; the writer's side in the first clause is the action.
    [InlineData("en", "There are some gaps in the plan, we need to talk.")]
    [InlineData("de", "Im Plan fehlen Punkte, wir müssen reden.")]
    [InlineData("es", "En el plan faltan cosas, tenemos que hablar.")]
    [InlineData("en", "You presented the roadmap on Monday, I love it.")]
    [InlineData("es", "Ayer hablamos del presupuesto en la reunión.")]
    // A hyphen inside a word or a range is no clause break.
    [InlineData("en", "The follow-up call is booked for 10-11 on Monday.")]
    public void Review_V8LookAlikes_AreNotAnEffect(string language, string text)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.True(report.Why.Verdict == Verdict.Missing, string.Join(" | ", report.Why.Evidence));
    }
}
