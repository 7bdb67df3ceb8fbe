namespace Switchboard.Domain;

public enum Plan { Free, Mini, Pro }

public static class PlanLimits
{
    /// <summary>Full-seat members a plan allows besides the owner (PingBack: Free 0, Mini 2, Pro 5).</summary>
    public static int ExtraFullSeats(this Plan plan) => plan switch
    {
        Plan.Free => 0,
        Plan.Mini => 2,
        Plan.Pro => 5,
        _ => 0,
    };
}
