using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using static FeedbackBot.Core.Tests.Coaching.RuleReview;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Coach v12's kind rules (docs/coach.md, "Coach v12"), each in every language where its form exists, on drafts written
/// for these tests (not taken from a labelled set), with the look-alikes each rule must leave alone.
/// </summary>
public sealed class CoachV12RuleTests
{
    [Theory]
    // Praise standing alone after the first sentence, in constructive feedback: it names nothing it praises.
    [InlineData("en", "The invoice run sent every customer two copies this morning. Brilliant.", "Brilliant")]
    [InlineData("es", "El boletín salió con el enlace de baja roto para toda la lista. Muy bien.", "Muy bien")]
    [InlineData("de", "Die Rechnungen gingen heute Morgen alle doppelt raus. Super gemacht.", "Super gemacht")]
    // "Yet again" right after an opening exclamation.
    [InlineData("en", "Oh wow, another sprint review where nobody brought a demo.", "another")]
    [InlineData("es", "Vaya, otra vez la reunión de planificación sin agenda.", "otra vez")]
    [InlineData("de", "Na toll, schon wieder ein Release ohne Changelog.", "schon wieder")]
    // Agreement that answers nobody, opening a sentence.
    [InlineData("en", "Sure, let's merge without a single review, that always ends well.", "sure")]
    [InlineData("es", "Claro, sigamos mandando los presupuestos sin revisar los precios.", "claro")]
    [InlineData("de", "Na klar, wir schicken die Angebote einfach ohne Prüfung raus.", "na klar")]
    public void Review_V12Sarcasm_IsNotKind(string language, string text, string evidence)
    {
        var kind = Review(text, language, FeedbackKind.Constructive).Kind;
        Assert.True(kind.Verdict == Verdict.Missing, Evidence(kind));
        Assert.Contains(kind.Evidence, e => e.Contains(evidence, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    // Praise that opens a sandwich is the draft's first sentence, not a comment on what was said.
    [InlineData("en", "Great work. The summary slide could lead with the decision, though; could you move it up?", FeedbackKind.Constructive)]
    [InlineData("es", "Buen trabajo. ¿Puedes poner el resumen al principio del informe la próxima vez?", FeedbackKind.Constructive)]
    [InlineData("de", "Gute Arbeit. Kannst du beim nächsten Bericht die Zusammenfassung nach vorne stellen?", FeedbackKind.Constructive)]
    // Praise standing alone in praise is praise.
    [InlineData("en", "You rewrote the onboarding guide on Monday and the new hires set up in an hour. Brilliant.", FeedbackKind.Praise)]
    [InlineData("de", "Du hast am Montag die Einarbeitung neu geschrieben, die Neuen waren in einer Stunde startklar. Super gemacht.", FeedbackKind.Praise)]
    // Thanks closing a request is thanks.
    [InlineData("es", "¿Puedes revisar los precios del presupuesto antes de mandarlo? Muchas gracias.", FeedbackKind.Constructive)]
    // "Another" not right after an exclamation, and an exclamation followed by something else.
    [InlineData("en", "Could you add another reviewer to the payments PRs from now on?", FeedbackKind.Constructive)]
    [InlineData("en", "Wow, the new dashboard loads in under a second since your fix on Tuesday.", FeedbackKind.Praise)]
    [InlineData("es", "Cuando contestas en el chat usas mucha jerga y los clientes piden otro agente; ¿puedes explicarlo más simple?", FeedbackKind.Constructive)]
    [InlineData("de", "Ach, noch etwas: Kannst du die Folien bis Freitag schicken?", FeedbackKind.Constructive)]
    // Agreement inside a sentence, not opening it.
    [InlineData("en", "I'm sure the new checklist will help; could you share it with the team by Friday?", FeedbackKind.Constructive)]
    [InlineData("de", "Mir ist klar, dass es eng war, aber kannst du die Zahlen bis Freitag nachreichen?", FeedbackKind.Constructive)]
    public void Review_V12LookAlike_IsKind(string language, string text, FeedbackKind kind)
    {
        var result = Review(text, language, kind).Kind;
        Assert.True(result.Verdict == Verdict.Met, Evidence(result));
    }

    [Fact]
    public void Review_WithYourOpeningTheSentence_IsAReason()
    {
        // "Mit deiner ..." fronted names what made the difference.
        var why = Review("Mit deiner Checkliste vom Montag hat die Inventur zum ersten Mal pünktlich geschlossen.", "de").Why;
        Assert.True(why.Verdict == Verdict.Met, Evidence(why));
        Assert.Contains(why.Evidence, e => e.Contains("Mit deiner", StringComparison.Ordinal));
    }

    [Theory]
    // After the verb or after a comma, "mit deiner" names what came along or what is meant: no reason.
    [InlineData("Es nervt mich langsam mit deiner Unpünktlichkeit.")]
    [InlineData("Du bist eine Bereicherung für das Team, mit deiner Ruhe in jeder Krise.")]
    public void Review_WithYourAfterTheVerb_IsNoReason(string text)
    {
        var why = Review(text, "de").Why;
        Assert.True(why.Verdict == Verdict.Missing, Evidence(why));
    }
}
