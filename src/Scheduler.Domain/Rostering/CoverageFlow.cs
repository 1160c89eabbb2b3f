namespace Scheduler.Domain.Rostering;

/// <summary>
/// The most requirement that agents on duty can cover in one interval, each agent serving one of their skills:
/// a maximum flow from groups of agents with the same skills to the skills they have.
/// </summary>
/// <remarks>Agents with identical skill sets are interchangeable, so the flow runs on groups (a handful of nodes,
/// whatever the head count). Edmonds-Karp on a graph this small is instant.</remarks>
public static class CoverageFlow
{
    /// <summary>Covered agents per skill (index into <paramref name="required"/>).</summary>
    /// <param name="groupCounts">Agents on duty per group.</param>
    /// <param name="groupSkills">For each group, the skill indices its agents have.</param>
    /// <param name="required">Agents required per skill.</param>
    public static int[] Covered(IReadOnlyList<int> groupCounts, IReadOnlyList<IReadOnlyList<int>> groupSkills, IReadOnlyList<int> required)
    {
        var flows = Assign(groupCounts, groupSkills, required);
        var covered = new int[required.Count];
        for (var g = 0; g < flows.Length; g++)
        {
            for (var s = 0; s < required.Count; s++)
            {
                covered[s] += flows[g][s];
            }
        }

        return covered;
    }

    /// <summary>A maximum assignment: agents of each group (first index) serving each skill (second index).</summary>
    public static int[][] Assign(IReadOnlyList<int> groupCounts, IReadOnlyList<IReadOnlyList<int>> groupSkills, IReadOnlyList<int> required)
    {
        var g = groupCounts.Count;
        var k = required.Count;
        var n = g + k + 2;
        var source = g + k;
        var sink = source + 1;
        var capacity = new int[n, n];
        for (var i = 0; i < g; i++)
        {
            capacity[source, i] = groupCounts[i];
            foreach (var skill in groupSkills[i])
            {
                capacity[i, g + skill] = int.MaxValue / 4;
            }
        }

        for (var s = 0; s < k; s++)
        {
            capacity[g + s, sink] = required[s];
        }

        var parent = new int[n];
        var queue = new Queue<int>();
        while (true)
        {
            Array.Fill(parent, -1);
            parent[source] = source;
            queue.Clear();
            queue.Enqueue(source);
            while (queue.Count > 0 && parent[sink] < 0)
            {
                var u = queue.Dequeue();
                for (var v = 0; v < n; v++)
                {
                    if (parent[v] < 0 && capacity[u, v] > 0)
                    {
                        parent[v] = u;
                        queue.Enqueue(v);
                    }
                }
            }

            if (parent[sink] < 0)
            {
                break;
            }

            var push = int.MaxValue;
            for (var v = sink; v != source; v = parent[v])
            {
                push = Math.Min(push, capacity[parent[v], v]);
            }

            for (var v = sink; v != source; v = parent[v])
            {
                capacity[parent[v], v] -= push;
                capacity[v, parent[v]] += push;
            }
        }

        // The flow on a group -> skill edge is what came back along it (its reverse residual capacity).
        var flows = new int[g][];
        for (var i = 0; i < g; i++)
        {
            flows[i] = new int[k];
            foreach (var skill in groupSkills[i])
            {
                flows[i][skill] = capacity[g + skill, i];
            }
        }

        return flows;
    }
}
