using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using static FeedbackBot.Core.Tests.Coaching.RuleReview;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Coach v10's rules (docs/coach.md, "Coach v10"), each in every language it applies to, on drafts written for these
/// tests (not taken from a labelled set), with the look-alikes each rule must leave alone.
/// </summary>
public sealed class CoachV10RuleTests
{
    private static void AssertMetWith(CriterionResult result, string evidence)
    {
        Assert.True(result.Verdict == Verdict.Met, Evidence(result));
        Assert.True(result.Evidence.Any(e => e.Contains(evidence, StringComparison.OrdinalIgnoreCase)), Evidence(result));
    }

    [Theory]
    // A sentence that opens with an unlisted verb followed by its object, a particle or a determiner: an imperative.
    [InlineData("en", "The onboarding checklist skips the VPN step. Rewrite it with the screenshots from IT.", "Rewrite it")]
    [InlineData("en", "The staging deploy broke the login page again. Set up a smoke test before anything merges.", "Set up")]
    [InlineData("en", "Slide 4 of the board deck repeats slide 2. Delete one of them before Friday.", "Delete one")]
    [InlineData("de", "Die Reisekosten vom Oktober fehlen noch. Reich die Belege bis Donnerstag nach.", "Reich die")]
    [InlineData("de", "Der Export läuft seit Montag doppelt. Stopp den Cronjob, bevor du gehst.", "Stopp den")]
    // A polite request asked as whether it can be done.
    [InlineData("en", "The March invoices lack the PO number. Would it be possible to add it by Friday?", "would it be possible")]
    [InlineData("de", "Im Angebot für die Stadt fehlt die Anfahrt. Wäre es möglich, sie bis Montag zu ergänzen?", "wäre es möglich")]
    [InlineData("es", "En el informe del lunes falta la sede de Lima. ¿Sería posible añadirla antes del viernes?", "sería posible")]
    // "te pido" to "usted" and to several people.
    [InlineData("es", "El inventario del viernes quedó sin cerrar. Le pido que lo cierre hoy y me avise por correo.", "le pido")]
    public void Review_V10Step_IsActionable(string language, string text, string evidence)
    {
        AssertMetWith(Review(text, language, FeedbackKind.Constructive).Actionable, evidence);
    }

    [Theory]
    // Look-alikes of the bare imperative: an order of fewer than four words, a name after "@", an abbreviation,
    // a past form, a sentence adverb before a contraction, a question.
    [InlineData("en", "You're so careless with the release notes. Fix it.")]
    [InlineData("en", "fyi the PDF export on the board report cut off the last two tables.")]
    [InlineData("en", "Loved the demo, but the pricing slide had last year's numbers.")]
    [InlineData("en", "Dropped the ball on the vendor call again. Not great.")]
    [InlineData("de", "Nochmal zum Sommerfest: die Einladung ging nur an Berlin.")]
    [InlineData("de", "Kurz zum Sheet vom Montag: die Summen stimmen nicht.")]
    // Asking to talk names no step.
    [InlineData("en", "can we talk about how the vendor calls have been going")]
    [InlineData("de", "Können wir kurz reden? Wegen heute Morgen.")]
    [InlineData("es", "¿Podemos hablar de lo de ayer?")]
    [InlineData("es", "¿Tenés un rato para charlar mañana?")]
    [InlineData("es", "Le pido disculpas por el retraso del informe del lunes.")]
    // ... while time asked for a task stays a request (v5): "¿Tienes un rato mañana para revisar el informe?".
    public void Review_V10LookAlike_OffersNoStep(string language, string text)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.True(report.Actionable.Verdict == Verdict.Missing, Evidence(report.Actionable));
    }

    [Fact]
    public void Review_BareImperativeAfterMention_IsNoStep_AndKeepsTheEffect()
    {
        var report = Review("@Tom the banner designs for the launch were 🔥🔥 CTR is up 18% since Monday", "en");

        Assert.Equal(Verdict.NotApplicable, report.Actionable.Verdict);
        Assert.Equal(Verdict.Met, report.Why.Verdict);
    }

    [Theory]
    // "it's why" / "the result is": an explicit reason or result.
    [InlineData("en", "You skip the checklist on every release, it's why the hotfixes keep piling up.", "it's why")]
    [InlineData("es", "Contestás los tickets sin leer el historial, y el resultado es que el cliente repite todo.", "el resultado es")]
    [InlineData("de", "Die Übergabe am Freitag war lückenhaft, das Ergebnis war ein Wochenende ohne Zugang.", "das Ergebnis war")]
    // Some of the people just named, opening a later clause.
    [InlineData("de", "Deine Antworten im Forum sind oft knapp, und manche Kunden fragen dann dreimal nach.", "manche")]
    [InlineData("es", "Tus mensajes en el grupo son muy escuetos y algunos se quedan sin saber qué hacer.", "algunos")]
    // The share by which something changed.
    [InlineData("en", "Your new intake form on the support portal cut duplicate tickets by half in November.", "by half")]
    [InlineData("de", "Deine neue Vorlage im Ticketsystem hat die Rückfragen um ein Drittel gesenkt.", "um ein Drittel")]
    [InlineData("es", "Tu plantilla nueva del portal redujo las consultas repetidas en un tercio.", "en un tercio")]
    // German "null" as a quantity of none in a later clause, like "cero" and "zero".
    [InlineData("de", "Deine FAQ zum Login im Intranet – seit Dienstag null Anrufe deswegen.", "null")]
    public void Review_V10Effect_IsMet(string language, string text, string evidence)
    {
        AssertMetWith(Review(text, language).Why, evidence);
    }

    [Theory]
    // "varias veces" is how often, not who: "algunos/algunas" only are subjects; "null" in the first clause.
    [InlineData("es", "En la reunión de ayer interrumpiste varias veces a Sofía.")]
    [InlineData("de", "Null Kontext auf Folie 3 im Deck für den Vorstand.")]
    [InlineData("en", "The vendor call on Monday should start by half past nine, not at ten.")]
    [InlineData("en", "Why is the deploy on Friday again?")]
    public void Review_V10LookAlike_NamesNoEffect(string language, string text)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.True(report.Why.Verdict == Verdict.Missing, Evidence(report.Why));
    }
}
