namespace Switchboard.Domain;

public enum Seat { Full, Lite }
