using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using static FeedbackBot.Core.Tests.Coaching.RuleReview;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Coach v6's general rules for <c>why</c> (docs/coach.md, "Coach v6"), each in every language it applies to, on
/// drafts written for these tests (not taken from a labelled set), with the look-alikes each rule must leave alone.
/// </summary>
public sealed class CoachV6RuleTests
{
    [Theory]
    // "then" after a condition anywhere in the sentence opens the condition's consequence.
    [InlineData("en", "It's best if you tag the on-call channel, then the night shift sees it first.", "night shift")]
    [InlineData("es", "Lo ideal es que, si llega un pedido urgente, lo marques en rojo, entonces el almacén lo prepara primero.", "almacén")]
    [InlineData("de", "Schön wär's, wenn du die Belege gleich scannst, dann hat die Buchhaltung sie am Monatsende.", "Buchhaltung")]
    // A clause may open with when it happened (and a negation) before who was affected and what happened.
    [InlineData("en", "The price list still had the old rates. Yesterday two customers asked for a refund.", "customers asked")]
    [InlineData("es", "La migración del viernes salió sin aviso. El sábado llamaron doce tiendas.", "llamaron")]
    [InlineData("es", "Cambiaste la contraseña del wifi sin avisar y ayer no pudimos imprimir.", "pudimos")]
    [InlineData("de", "Die Preisliste war veraltet. Gestern haben zwei Kunden angerufen.", "Kunden angerufen")]
    // "so"/"así" before who was affected, contracted with its verb, or before a negation.
    [InlineData("en", "Please share the agenda a day ahead so we're not guessing in the room.", "so we're")]
    [InlineData("es", "Subí el acta hoy así no la pedimos otra vez.", "así no")]
    [InlineData("es", "Llegas tarde a cada turno y así nadie puede irse a su hora.", "así nadie")]
    // A whole span of time is a quantity: lost, it is the cost.
    [InlineData("en", "The staging deploy broke the VPN and support lost the whole morning.", "lost the")]
    [InlineData("es", "El proveedor mandó mal las cajas y perdieron toda la tarde.", "perdieron toda")]
    [InlineData("de", "Der Export lief doppelt, und die Buchhaltung hat den ganzen Vormittag verloren.", "verloren")]
    // The verb bracket puts what something cost before the participle.
    [InlineData("de", "Die falschen Stundensätze im Juli haben uns zwei Wochen Korrekturen gekostet.", "gekostet")]
    // A count or a wait since an event, like "since the launch".
    [InlineData("en", "The new checkout went live on Monday. We've had 9 chargebacks since.", "since")]
    [InlineData("es", "La factura de Ortiz está sin revisar desde hace dos semanas y el cliente ya reclamó.", "desde hace")]
    [InlineData("de", "Der Antrag liegt seit zwölf Tagen unbearbeitet bei dir.", "seit")]
    // An obligation that followed, said impersonally; a multiplied quantity in every person.
    [InlineData("es", "Anunciaste el descuento sin hablar con finanzas y hubo que retirarlo.", "hubo que")]
    [InlineData("es", "Con tu guion para las llamadas triplicamos las citas.", "triplicamos")]
    [InlineData("de", "Mit deiner Vorlage haben wir die Rücklaufquote verdreifacht.", "verdreifacht")]
    // An arrow separates an action from what followed, like a dash.
    [InlineData("en", "the onboarding video you recorded -> new hires stopped asking about VPN setup", "new hires stopped")]
    [InlineData("es", "tu guion para la demo → los clientes pidieron una segunda reunión", "pidieron")]
    [InlineData("de", "deine neue Vorlage => die Kunden haben sofort unterschrieben", "Kunden haben")]
    public void Review_V6Effect_IsAWhy(string language, string text, string evidence)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.True(report.Why.Verdict == Verdict.Met, string.Join(" | ", report.Why.Evidence));
        Assert.True(report.Why.Evidence.Any(e => e.Contains(evidence, StringComparison.OrdinalIgnoreCase)), string.Join(" | ", report.Why.Evidence));
    }

    [Theory]
    // After "then" a request is the step asked for, not a consequence; "then" without a condition joins two actions.
    [InlineData("en", "If you have a minute, then please look at the retro notes.")]
    [InlineData("en", "You fixed the flaky test and then merged the branch.")]
    [InlineData("es", "Si tienes un rato, entonces revisa el informe.")]
    [InlineData("de", "Wenn du fertig bist, dann schick mir bitte die Zahlen.")]
    // A time word before a thing and a plain past is a report; a negation opening a sentence is a verdict.
    [InlineData("en", "The standup ran long. Yesterday the standup ran long too.")]
    [InlineData("es", "Es ridículo, de verdad. No se puede trabajar así.")]
    [InlineData("es", "El informe tiene errores. Así no se trabaja.")]
    // German "so" is a degree or a manner, not a consequence word (German says "sodass").
    [InlineData("de", "Der Bericht hat Fehler. So geht das nicht.")]
    // A span of time without a loss is when, not a cost; a price asked is no effect.
    [InlineData("en", "Thanks for sitting in the workshop all day on Friday.")]
    [InlineData("es", "Estuviste toda la tarde en la reunión y el informe sigue sin cifras.")]
    [InlineData("de", "Was hat die Schulung gekostet?")]
    // "since" or "seit" before a day names when, not a count; "hay que" is a request, not what followed.
    [InlineData("en", "The dashboard has been red since Monday.")]
    [InlineData("de", "Die Stellenanzeige ist seit Montag online.")]
    [InlineData("es", "Hay que revisar las facturas de Ortiz.")]
    // An arrow between two names is a rename, not a result.
    [InlineData("en", "Please rename the channel #ops-alerts -> #ops-pager before Friday.")]
    public void Review_V6LookAlikes_AreNotAnEffect(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Why.Verdict);
    }
}
