namespace Livepeer.Benchmarks;

/// <summary>Prints a Markdown table, so results paste straight into docs/benchmarks.md.</summary>
internal static class Table
{
    public static void Print(string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        string Line(string[] r) => "| " + string.Join(" | ", r.Select((c, i) => c.PadRight(widths[i]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in all.Skip(1))
        {
            Console.WriteLine(Line(row));
        }

        Console.WriteLine();
    }
}
