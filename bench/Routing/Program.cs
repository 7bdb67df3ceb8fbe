using System.Diagnostics;
using Bench.Routing;
using Switchboard.Domain;
using Switchboard.Features.Routing;

// Usage: dotnet run -c Release --project bench/Routing [agents] [waiting] [repeats]
var agents = args.Length > 0 ? int.Parse(args[0]) : 1000;
var waiting = args.Length > 1 ? int.Parse(args[1]) : 10_000;
var repeats = args.Length > 2 ? int.Parse(args[2]) : 3;
var workspace = Guid.NewGuid();
var start = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
Guid[] teams = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
string[] skills = ["billing", "de", "fr", "vip", "tech"];
var random = new Random(28);

// Capacity 10 each: 10,000 slots, so every waiting conversation can be placed and every pass makes `waiting` decisions.
List<AgentPicker.Candidate> Floor(bool withTeams) => Enumerable.Range(0, agents).Select(i => new AgentPicker.Candidate(
    new Membership
    {
        WorkspaceId = workspace, UserId = Guid.NewGuid(), Role = Role.Agent, Seat = Seat.Full, Status = AgentStatus.Live,
        InvitedAt = start.AddSeconds(i),
    },
    0, Math.Max(1, waiting / agents),
    withTeams ? new HashSet<Guid> { teams[i % teams.Length] } : [],
    withTeams ? skills.Where((_, s) => (i >> s & 1) == 1 || s == 0).ToHashSet() : [])).ToList();

List<Conversation> Queue(bool withTeams) => Enumerable.Range(0, waiting).Select(i => new Conversation
{
    WorkspaceId = workspace, CreatedAt = start.AddSeconds(i), UpdatedAt = start,
    Priority = withTeams ? (Priority)(random.Next(4) - 1) : Priority.Normal,
    TeamId = withTeams && i % 2 == 0 ? teams[i % teams.Length] : null,
    RequiredSkills = withTeams && i % 3 == 0 ? "billing" : null,
}).OrderByDescending(c => c.Priority).ThenBy(c => c.CreatedAt).ToList();

double Measure(Func<int> pass, out int decisions)
{
    var clock = Stopwatch.StartNew();
    decisions = pass();
    return decisions / clock.Elapsed.TotalSeconds;
}

var plain = Queue(withTeams: false);
var rich = Queue(withTeams: true);
var today = new List<double>();
var now = new List<double>();
var nowRich = new List<double>();
for (var r = 0; r < repeats; r++)
{
    today.Add(Measure(() => TodayRouter.Plan(plain, Floor(false)), out var a));
    now.Add(Measure(() => RoutingPass.Plan(plain, Candidates.Of(Floor(false))).Count, out var b));
    nowRich.Add(Measure(() => RoutingPass.Plan(rich, Candidates.Of(Floor(true))).Count, out var c));
    if (a != waiting || b != waiting) throw new InvalidOperationException($"expected {waiting} decisions, got {a} and {b}");
    Console.Error.WriteLine($"repeat {r + 1}: today {today[^1]:N0}/s, now {now[^1]:N0}/s, now with teams and skills {nowRich[^1]:N0}/s ({c} placed)");
}
static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
Console.WriteLine($"| routing pass, {agents:N0} agents, {waiting:N0} waiting | decisions/s (median of {repeats}) | ratio to today |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| today's router (reference) | {Median(today):N0} | 1.00 |");
Console.WriteLine($"| RoutingPass, no teams or skills | {Median(now):N0} | {Median(now) / Median(today):F2} |");
Console.WriteLine($"| RoutingPass, teams, skills, priorities | {Median(nowRich):N0} | {Median(nowRich) / Median(today):F2} |");
