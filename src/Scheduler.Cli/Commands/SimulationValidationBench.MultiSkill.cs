using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Simulation;
using Scheduler.Domain.Staffing;

namespace Scheduler.Cli.Commands;

/// <summary>Section 3: a multi-skill centre against Erlang per queue as the coverage map computes it.</summary>
public static partial class SimulationValidationBench
{
    private static string MultiSkill(Runner run, StringBuilder doc)
    {
        const int days = 7;
        const int intervals = days * 96;
        var patience = Duration.FromSeconds(180);
        var curve = new ConcurrencyCurve([1.0, 1.25, 1.6]);
        var queues = new[]
        {
            new MultiQueue("voice-bn", Channel.Voice, 90, 240, new StaffingPolicy(Channel.Voice, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(20))) { MeanPatience = patience }),
            new MultiQueue("voice-en", Channel.Voice, 18, 300, new StaffingPolicy(Channel.Voice, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(20))) { MeanPatience = patience }),
            new MultiQueue("chat-bn", Channel.Chat, 40, 360, new StaffingPolicy(Channel.Chat, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(60))) { Concurrency = curve }),
        };
        var required = queues.Select(q => StaffingCalculator.Required(q.Policy, q.Contacts, q.Aht, Quarter).Agents).ToArray();
        var (rBn, rEn, rChat) = (required[0], required[1], required[2]);

        // Skill sets as indices into queues; at 100 % the flow covers the requirement exactly in every roster.
        var bilingual = (int)Math.Ceiling(0.5 * rEn);
        var blended = (int)Math.Ceiling(0.3 * rChat);
        var generalists = (int)Math.Ceiling(0.2 * rBn);
        var rosters = new (string Name, (string Label, int[] Skills, int Count)[] Groups)[]
        {
            ("specialists only (control)", [("voice-bn", [0], rBn), ("voice-en", [1], rEn), ("chat-bn", [2], rChat)]),
            ("bilingual voice", [("voice-bn", [0], rBn), ("voice-en", [1], rEn - bilingual), ("chat-bn", [2], rChat), ("voice-bn + voice-en", [0, 1], bilingual)]),
            ("mixed skills", [
                ("voice-bn", [0], rBn - generalists),
                ("voice-en", [1], rEn - bilingual),
                ("chat-bn", [2], rChat - blended),
                ("voice-bn + voice-en", [0, 1], bilingual),
                ("voice-bn + chat-bn", [0, 2], blended),
                ("all three", [0, 1, 2], generalists),
            ]),
        };
        double[] levels = [0.9, 1.0, 1.1];

        doc.AppendLine("## 3. Against Erlang per queue on a multi-skill centre");
        doc.AppendLine();
        doc.AppendLine(Inv($"A generated centre with three queues at a constant load for {days} days: {string.Join("; ", queues.Select(q => q.Describe()))}. Voice callers have exponential patience (mean {patience.TotalSeconds:0} s, so Erlang A); chat customers do not give up (the chat model has no abandonment). Handle times are exponential, so that with dedicated agents each queue is its formula's own model and what differs comes from the sharing of agents. Required agents by `StaffingCalculator` (80 % in 20 s for voice, 80 % in 60 s for chat): voice-bn {rBn}, voice-en {rEn}, chat-bn {rChat}. Three rosters, each covering the requirement exactly at 100 %, then scaled to 90 % and 110 % (group sizes rounded): *specialists only*; *bilingual voice*, where {bilingual} of the voice-en agents also speak Bengali; *mixed skills*, which adds {blended} agents who take voice-bn and chat-bn and {generalists} who take all three in place of specialists. {run.Replications} replications each."));
        doc.AppendLine();
        doc.AppendLine("Erlang per queue is computed the way the coverage map does it: the agents on duty are assigned one skill each by the maximum flow `CoverageFlow.Assign` against the required agents, the covered agents of a queue are its flow (never more than required), and `ServiceProjection.ServiceLevel` gives its service level with them. The flow stops at the requirement, so agents above it count nowhere; the column *all assigned* runs the flow against the requirement scaled by the staffing level and puts anyone left over on their first skill, so every agent counts once. The simulator instead lets every agent take any of their queues, contact by contact. The *all* rows weigh the queues by contacts (the simulator's overall service level of its live queues against the same weighting of the Erlang figures).");
        doc.AppendLine();
        doc.AppendLine("| roster | staffing | queue | agents with the skill | covered (coverage map) | Erlang, coverage map | all assigned | Erlang, all assigned | simulated ± half-width | sim − coverage map | sim − all assigned |");
        doc.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var rows = new List<MultiRow>();
        foreach (var (name, groups) in rosters)
        {
            foreach (var level in levels)
            {
                var counts = groups.Select(g => (int)Math.Round(g.Count * level, MidpointRounding.AwayFromZero)).ToArray();
                var skills = groups.Select(g => (IReadOnlyList<int>)g.Skills).ToArray();
                var covered = Column(CoverageFlow.Assign(counts, skills, required), queues.Length);
                var all = AllAssigned(counts, skills, required, level);
                var end = (intervals * Quarter.TotalSeconds) + (4 * 3600);
                var agents = new List<SimulatedAgent>();
                for (var g = 0; g < groups.Length; g++)
                {
                    for (var k = 0; k < counts[g]; k++)
                    {
                        agents.Add(new SimulatedAgent($"{groups[g].Label}-{k}", [.. groups[g].Skills.Select(s => queues[s].Id)], [new DutySpan(0, end)]));
                    }
                }

                var model = new SimulationModel(Origin, Quarter, intervals, [.. queues.Select(q => q.Simulated(intervals, patience))], agents);
                var result = run.Simulate(model, Inv($"{name}, {level:P0}"));
                double weighted = 0, weightedAll = 0;
                for (var q = 0; q < queues.Length; q++)
                {
                    var queue = queues[q];
                    var withSkill = groups.Select((g, i) => g.Skills.Contains(q) ? counts[i] : 0).Sum();
                    var erlang = ServiceProjection.ServiceLevel(queue.Policy, covered[q], queue.Contacts, queue.Aht, Quarter)!.Value;
                    var erlangAll = ServiceProjection.ServiceLevel(queue.Policy, all[q], queue.Contacts, queue.Aht, Quarter)!.Value;
                    weighted += erlang * queue.Contacts;
                    weightedAll += erlangAll * queue.Contacts;
                    var row = new MultiRow(name, level, queue.Id, counts.Sum(), withSkill, covered[q], erlang, all[q], erlangAll, result.Queues[q].ServiceLevel);
                    rows.Add(row);
                    doc.AppendLine(row.Markdown());
                }

                var contacts = queues.Sum(q => q.Contacts);
                var overall = new MultiRow(name, level, "all", counts.Sum(), counts.Sum(), covered.Sum(), weighted / contacts, all.Sum(), weightedAll / contacts, result.ServiceLevel);
                rows.Add(overall);
                doc.AppendLine(overall.Markdown());
            }
        }

        doc.AppendLine();
        doc.AppendLine(MultiSkillReading(rows, rosters[0].Name, rosters[1].Name, rosters[2].Name, queues[0].Contacts / queues[1].Contacts));
        doc.AppendLine();
        var at100 = rows.Where(r => r.Level == 1.0 && r.Roster != rosters[0].Name).ToList();
        return Inv($"at 100 % staffing the simulation against Erlang per queue (coverage map), in points: {string.Join("; ", at100.GroupBy(r => r.Roster).Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => $"{r.Queue} {Signed((r.Simulated.Mean - r.Erlang) * 100, "0.0")}"))}"))}; with specialists only, {rows.Count(r => r.Roster == rosters[0].Name && r.Queue.StartsWith("voice", StringComparison.Ordinal) && r.Simulated.Contains(r.ErlangAll))} of {rows.Count(r => r.Roster == rosters[0].Name && r.Queue.StartsWith("voice", StringComparison.Ordinal))} voice figures match Erlang A (every agent counted) within the confidence interval.");
    }

    private sealed record MultiRow(string Roster, double Level, string Queue, int Agents, int WithSkill, int Covered, double Erlang, int AllAssigned, double ErlangAll, Estimate Simulated)
    {
        public string Markdown() => Inv($"| {Roster} | {Level:P0} ({Agents} agents) | {(Queue == "all" ? "**all**" : Queue)} | {WithSkill} | {Covered} | {Erlang:P1} | {AllAssigned} | {ErlangAll:P1} | {Simulated.Mean:P1} ± {Simulated.HalfWidth * 100:0.0} | {Signed((Simulated.Mean - Erlang) * 100, "0.0")} pt | {Signed((Simulated.Mean - ErlangAll) * 100, "0.0")} pt |");
    }

    private static string MultiSkillReading(List<MultiRow> rows, string control, string bilingual, string mixed, double ratio)
    {
        MultiRow Row(string roster, double level, string queue) => rows.Single(r => r.Roster == roster && r.Level == level && r.Queue == queue);
        string Diff(MultiRow r) => Inv($"{r.Simulated.Mean:P1} against {r.Erlang:P1}");
        var controlVoice = rows.Where(r => r.Roster == control && r.Queue.StartsWith("voice", StringComparison.Ordinal)).ToList();
        var controlChat = rows.Where(r => r.Roster == control && r.Queue == "chat-bn").ToList();
        var worstChat = controlChat.MaxBy(r => Math.Abs(r.Simulated.Mean - r.ErlangAll))!;
        var over = Row(control, 1.1, "voice-bn");
        var biBn = Row(bilingual, 1.0, "voice-bn");
        var biEn = Row(bilingual, 1.0, "voice-en");
        var biAll = Row(bilingual, 1.0, "all");
        var mixBn = Row(mixed, 1.0, "voice-bn");
        var mixEn = Row(mixed, 1.0, "voice-en");
        var mixChat = Row(mixed, 1.0, "chat-bn");
        var mixAll = Row(mixed, 1.0, "all");
        var under = rows.Where(r => r.Level == 0.9 && r.Roster == mixed && r.Queue != "all").MinBy(r => r.Erlang)!;
        return Inv($"""
            **Reading.**

            - *Specialists only (the control).* Nothing is shared, the flow gives each queue its own agents, and {controlVoice.Count(r => r.Simulated.Contains(r.ErlangAll))} of {controlVoice.Count} voice figures agree with Erlang A within the confidence interval. Chat differs by up to {Math.Abs(worstChat.Simulated.Mean - worstChat.ErlangAll) * 100:0.0} points ({worstChat.Level:P0}: {worstChat.Simulated.Mean:P1} ± {worstChat.Simulated.HalfWidth * 100:0.0} against {worstChat.ErlangAll:P1}): the chat chain assumes chats are always spread evenly over the agents, while the simulator gives a new chat to the least-loaded agent of the most specialised group with room but cannot move chats already held when one ends. At 110 % the coverage map's figure stays at the requirement's service level ({over.Erlang:P1} for voice-bn) because the flow counts no agent above the requirement, while the simulation gets the better service the extra agents give ({over.Simulated.Mean:P1}, like *all assigned*, {over.ErlangAll:P1}).
            - *Bilingual voice.* Erlang per queue pins each bilingual agent to English for the whole interval. In the simulation they also take Bengali calls whenever they are free and a Bengali call waits longest: voice-bn gets {Diff(biBn)} and voice-en {Diff(biEn)}. {(biAll.Simulated.Mean > biAll.Erlang ? "Pooling helps the centre as a whole" : "Over all contacts the simulation is not better")} ({biAll.Simulated.Mean:P1} against {biAll.Erlang:P1} over all contacts){(biEn.Simulated.High < biEn.Erlang ? $", but the small queue pays for it: its bilingual agents also serve a queue with {ratio:0} times its calls, whose calls are more often the ones waiting longest. Erlang per queue overstates the small queue's service{(biBn.Simulated.Low > biBn.Erlang ? " and understates the big one's" : "")}" : "")}.
            - *Mixed skills.* voice-bn {Diff(mixBn)}, voice-en {Diff(mixEn)}, chat-bn {Diff(mixChat)}; all contacts {mixAll.Simulated.Mean:P1} against {mixAll.Erlang:P1}. Every queue gains from the sharing: a new chat goes first to the chat specialists' free slots (the most specialised group with room), and a call to the voice specialists, so the blended agents are kept for whatever waits longest on any of their queues, and they take it within seconds, where Erlang per queue pins each of them to one queue for the whole interval. An agent holding a chat takes only chats until it ends, so a blended agent who picks up chats leaves voice for a while; with specialists served first this costs the voice queues little here. Erlang per queue assumes the flow's split holds all interval long.
            - *Under-staffed (90 %).* The coverage map's maximum flow puts the whole shortfall wherever the flow happens to leave it: with mixed skills its worst queue is {under.Queue} at {under.Erlang:P1} with {under.Covered} covered agents, where the simulation gives {under.Simulated.Mean:P1}. Any maximum flow is a valid answer, so the per-queue figures of an under-staffed multi-skill interval depend on which one is found, not on the roster.
            """);
    }

    /// <summary>
    /// Every agent counted: the flow against the requirement scaled by the staffing level, then any agent it leaves
    /// unplaced on the first of their skills.
    /// </summary>
    private static int[] AllAssigned(int[] counts, IReadOnlyList<int>[] skills, int[] required, double level)
    {
        var target = required.Select(r => (int)Math.Round(r * level, MidpointRounding.AwayFromZero)).ToArray();
        var flows = CoverageFlow.Assign(counts, skills, target);
        var placed = Column(flows, required.Length);
        for (var g = 0; g < counts.Length; g++)
        {
            placed[skills[g][0]] += counts[g] - flows[g].Sum();
        }

        return placed;
    }

    private static int[] Column(int[][] flows, int skills)
    {
        var covered = new int[skills];
        foreach (var row in flows)
        {
            for (var s = 0; s < skills; s++) covered[s] += row[s];
        }

        return covered;
    }

    private sealed record MultiQueue(string Id, Channel Channel, double Contacts, double Aht, StaffingPolicy Policy)
    {
        public string Describe() => Channel == Channel.Chat
            ? Inv($"{Id} {Contacts:0} chats per 15 min, {Aht:0} s each when held alone, concurrency {Policy.Concurrency}")
            : Inv($"{Id} {Contacts:0} calls per 15 min, AHT {Aht:0} s ({Contacts * Aht / 900:0.#} Erlangs)");

        public SimulatedQueue Simulated(int intervals, Duration patience) => new(
            Id,
            Channel,
            Policy.Target is ServiceTarget.ServiceLevel sl ? sl.Threshold.TotalSeconds : 0,
            0.8,
            Enumerable.Repeat(Contacts, intervals).ToArray(),
            Enumerable.Repeat(Aht, intervals).ToArray(),
            new HandleTimeModel.Exponential(),
            Channel == Channel.Voice ? new PatienceModel.Exponential(patience.TotalSeconds) : PatienceModel.Infinite,
            Policy.Concurrency);
    }
}
