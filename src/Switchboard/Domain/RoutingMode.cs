namespace Switchboard.Domain;

public enum RoutingMode { Manual, Auto }
