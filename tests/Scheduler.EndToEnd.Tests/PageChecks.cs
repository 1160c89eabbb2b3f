using System.Text.Json;
using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Checks every page can be put through: that a page shown in Bangla shows no English the resources should have
/// translated, and that it passes axe-core's WCAG 2.1 AA rules with no serious or critical violation.
/// </summary>
internal static class PageChecks
{
    /// <summary>
    /// Words that stay as they are in Bangla: the product's name, the language switch's "English", time-zone ids and
    /// file formats. Data (agents' names, skill and queue ids) is marked translate="no" on the page instead.
    /// </summary>
    private static readonly string[] KeptWords = ["Scheduler", "English", "Asia/Dhaka", "Europe/London", "America/New_York", "UTC", "CSV", "JSON", "iCalendar", "ICS", "AM", "PM"];

    /// <summary>
    /// The visible texts (and titles, labels and placeholders) of the page that still hold English words, outside
    /// elements marked translate="no" (names and ids, which are data, not words of the app).
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnglishLeftAsync(IPage page, params string[] alsoKept)
    {
        var kept = KeptWords.Concat(alsoKept).ToArray();
        var found = await page.EvaluateAsync<string[]>(
            """
            kept => {
              const english = /[A-Za-z]{3,}/;
              const clean = t => { for (const k of kept) t = t.split(k).join(' '); return t; };
              const skipped = el => !!el.closest('[translate="no"], script, style, noscript, code, [hidden], [aria-hidden="true"]');
              const visible = el => { const r = el.getClientRects(); return r.length > 0 && getComputedStyle(el).visibility !== 'hidden'; };
              const out = new Set();
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const node = walker.currentNode, el = node.parentElement;
                if (!el || skipped(el) || !visible(el)) continue;
                const text = node.textContent.trim();
                if (text && english.test(clean(text))) out.add(text);
              }
              for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], input[type=submit][value], input[type=button][value]')) {
                if (skipped(el)) continue;
                for (const a of ['title', 'aria-label', 'placeholder', 'value']) {
                  if (a === 'value' && !(el.tagName === 'INPUT' && (el.type === 'submit' || el.type === 'button'))) continue;
                  const v = el.getAttribute(a);
                  if (v && english.test(clean(v))) out.add(`${a}="${v}"`);
                }
              }
              return [...out];
            }
            """, kept);
        return found;
    }

    /// <summary>Fails naming every English text left on a page shown in Bangla.</summary>
    public static async Task AssertAllBanglaAsync(IPage page, params string[] alsoKept)
    {
        var left = await EnglishLeftAsync(page, alsoKept);
        Assert.True(left.Count == 0, $"{page.Url} in Bangla still shows English: {string.Join(" | ", left.Take(40))}");
    }

    private static string AxeScript => File.ReadAllText(Path.Combine(AppFixture.RepositoryRoot, "src", "Scheduler.Web", "client", "node_modules", "axe-core", "axe.min.js"));

    /// <summary>
    /// Runs axe-core (from the web project's npm dev packages, never the internet) against the page with the WCAG 2.0/2.1
    /// A and AA rules, and returns the serious and critical violations, each with the elements it names.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        // A toast fading in or out is drawn half-transparent, which axe measures as low contrast: check the page once
        // the toasts are gone (they close themselves after a few seconds).
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            // Evaluated through the debugging protocol: a <script> tag would be refused by the app's Content-Security-Policy
            // (script-src 'self'), which is right for the app and must not be loosened for a test.
            await page.EvaluateAsync(AxeScript + "\n;undefined");
        }

        var json = await page.EvaluateAsync<string>(
            """
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
              return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')}`));
            }
            """);
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    /// <summary>Fails naming every serious or critical WCAG 2.1 AA violation on the page.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url} has accessibility violations:\n{string.Join("\n", violations)}");
    }
}
