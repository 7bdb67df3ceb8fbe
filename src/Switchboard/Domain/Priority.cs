namespace Switchboard.Domain;

/// <summary>
/// A conversation's urgency. Stored as its number so the queue orders by it in SQL (highest first); normal is 0,
/// so rows that existed before priorities are normal without rewriting them.
/// </summary>
public enum Priority { Low = -1, Normal = 0, High = 1, Urgent = 2 }

/// <summary>Where a conversation stands against its first-response target (set by priority).</summary>
public enum SlaState { None = 0, Warned = 1, Breached = 2, Met = 3 }
