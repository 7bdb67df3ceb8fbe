namespace Switchboard.Domain;

/// <summary>Where an invite stands. Only a pending one (and not past its expiry) opens its link or holds a seat.</summary>
public enum InviteStatus { Pending, Expired, Revoked, Accepted }
