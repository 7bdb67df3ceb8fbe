namespace Switchboard.Domain;

public enum AgentStatus { Live, Away, Offline }
