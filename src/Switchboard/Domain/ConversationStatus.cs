namespace Switchboard.Domain;

public enum ConversationStatus { Open, Pending, Resolved, Closed }
