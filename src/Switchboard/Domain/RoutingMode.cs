namespace Switchboard.Domain;

/// <summary>Manual: people assign. Auto: routing assigns. Offer: routing offers each conversation to one agent, who accepts or declines.</summary>
public enum RoutingMode { Manual, Auto, Offer }
