using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using static FeedbackBot.Core.Tests.Coaching.RuleReview;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Coach v7's rules for <c>why</c> (docs/coach.md, "Coach v7"), each in every language it applies to, on drafts
/// written for these tests (not taken from a labelled set), with the look-alikes each rule must leave alone.
/// </summary>
public sealed class CoachV7RuleTests
{
    [Theory]
    // A named third party's event in a later clause: what the action led to.
    [InlineData("en", "You sent the summary before lunch, and the director shared it with the board.", "the director shared")]
    [InlineData("es", "Mandaste la propuesta el martes y la directora la firmó esa misma tarde.", "la directora la firmó")]
    [InlineData("de", "Du hast den Bericht am Montag geschickt, heute ist die Freigabe erteilt.", "die Freigabe erteilt")]
    // Who was affected, named, doing something now.
    [InlineData("en", "You rewrote the FAQ last week, and customers find the answers on their own.", "customers find")]
    [InlineData("es", "Armaste el cuadrante de guardias y nadie repite turno en Navidad.", "nadie repite")]
    [InlineData("de", "Du hast die Willkommensmail gekürzt, und Kunden lesen sie bis zum Ende.", "Kunden lesen")]
    // A state reached or lasting after the action.
    [InlineData("de", "Du hast im März die Checkliste eingeführt, heute arbeiten schon alle Filialen damit.", "schon alle")]
    [InlineData("es", "Montaste el script de conciliación en julio y todavía nos ahorra dos días.", "todavía")]
    [InlineData("en", "You set up the alert rules in May, and on-call to this day sleeps through the night.", "on-call to")]
    // "so" before a count of who was affected.
    [InlineData("en", "The batch job ran twice so 30 customers got charged double.", "so 30")]
    // A quantity after a named thing: what happened to it.
    [InlineData("en", "You skipped the staging run, and the checkout was 40 minutes down.", "the checkout was 40")]
    [InlineData("es", "Se cayó el ERP a las diez y el almacén estuvo dos horas parado.", "el almacén estuvo dos")]
    [InlineData("de", "Der Server ist um neun ausgefallen, und die Filiale war zwei Stunden ohne Kasse.", "zwei Stunden")]
    // What the work became.
    [InlineData("en", "The import script you wrote last year became our standard tool.", "became our")]
    [InlineData("es", "La plantilla que hiciste se convirtió en el estándar del equipo.", "se convirtió en")]
    [InlineData("de", "Deine Checkliste wurde zum Standard im ganzen Lager.", "wurde zum")]
    public void Review_V7Effect_IsAWhy(string language, string text, string evidence)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.True(report.Why.Verdict == Verdict.Met, string.Join(" | ", report.Why.Evidence));
        Assert.True(report.Why.Evidence.Any(e => e.Contains(evidence, StringComparison.OrdinalIgnoreCase)), string.Join(" | ", report.Why.Evidence));
    }

    [Theory]
    // A named thing's event after a reaction of two words, after "but", that repeats, or that is the receiver's own action.
    [InlineData("en", "Nice going, the release broke again.")]
    [InlineData("en", "The demo went well overall, but the Q&A part felt rushed.")]
    [InlineData("en", "The standup ran long. Yesterday the standup ran long too.")]
    [InlineData("es", "Qué bien, la demo salió también con errores.")]
    [InlineData("es", "Hoy en el stand-up llegaste quince minutos tarde.")]
    [InlineData("de", "Na toll, das Release ist wieder gescheitert.")]
    // A pronoun in the present is a reaction or a judgement; a number's digits after a separator open no clause.
    [InlineData("en", "You always miss deadlines and it's frustrating.")]
    [InlineData("es", "Qué bien te quedó el mural de la entrada, me encanta.")]
    [InlineData("de", "Du kommst zu spät, und das nervt.")]
    [InlineData("en", "The release notes you wrote for version 2.3 were excellent.")]
    // "schon wieder" is yet again, a complaint.
    [InlineData("de", "Es ist lächerlich, dass der Build schon wieder kaputt ist.")]
    // "seit" before a day or a clock time says when a state began.
    [InlineData("de", "Im Lager Ost stehen seit Montag 14 Paletten.")]
    [InlineData("de", "Die Hotline ist seit 14 Uhr nicht erreichbar.")]
    [InlineData("en", "The dashboard has shown 14 alerts since 3 pm.")]
    // "so" before a degree or warmth, not a count.
    [InlineData("en", "Thanks so much for the review.")]
    // A quantity after a request is the instruction.
    [InlineData("es", "Eres muy impuntual. Pon una alarma diez minutos antes de cada reunión.")]
    // How the work turned out is a judgement, not what it became.
    [InlineData("es", "El mural de la entrada quedó precioso.")]
    [InlineData("de", "Die neue Seite zum Urlaubsantrag ist richtig gut geworden.")]
    [InlineData("en", "The meeting became long.")]
    public void Review_V7LookAlikes_AreNotAnEffect(string language, string text)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.True(report.Why.Verdict == Verdict.Missing, string.Join(" | ", report.Why.Evidence));
    }
}
