namespace Switchboard.Domain;

public enum Role { Owner, Admin, Agent }
