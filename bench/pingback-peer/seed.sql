SET client_min_messages = warning;
-- The PingBack peer's own tables, in the bench's PostgreSQL database next to Switchboard's, filled with a copy of
-- the people, tokens, businesses, memberships and conversations Switchboard holds (bench.mjs runs this after seeding Switchboard,
-- and again after each scale step). Re-runnable: TRUNCATE, not DROP, so the peer's prepared statements stay valid.
CREATE TABLE IF NOT EXISTS pingback_users (
    id         uuid PRIMARY KEY,
    email      varchar(320) NOT NULL UNIQUE,
    full_name  varchar(255) NOT NULL,
    is_active  boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS pingback_tokens (
    id          bigint PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES pingback_users (id),
    secret_hash char(64) NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS pingback_businesses (
    id         uuid PRIMARY KEY,
    name       varchar(255) NOT NULL,
    owner_id   uuid NOT NULL REFERENCES pingback_users (id),
    plan       varchar(16) NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS pingback_members (
    id          uuid PRIMARY KEY,
    business_id uuid NOT NULL REFERENCES pingback_businesses (id),
    user_id     uuid NOT NULL REFERENCES pingback_users (id),
    role        varchar(16) NOT NULL,
    status      varchar(16) NOT NULL,
    is_active   boolean NOT NULL,
    invited_at  timestamptz NOT NULL,
    UNIQUE (business_id, user_id)
);
CREATE TABLE IF NOT EXISTS pingback_conversations (
    id                uuid PRIMARY KEY,
    business_id       uuid NOT NULL REFERENCES pingback_businesses (id),
    customer_id       varchar(255) NOT NULL,
    status            varchar(16) NOT NULL,
    assigned_agent_id uuid REFERENCES pingback_users (id),
    assigned_at       timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS pingback_members_user_id ON pingback_members (user_id);
CREATE INDEX IF NOT EXISTS pingback_members_business_invited ON pingback_members (business_id, invited_at, id);

BEGIN;
TRUNCATE pingback_conversations, pingback_members, pingback_tokens, pingback_businesses, pingback_users;
INSERT INTO pingback_users (id, email, full_name, is_active, created_at)
    SELECT id, email, name, true, created_at FROM users;
INSERT INTO pingback_tokens (id, user_id, secret_hash, created_at)
    SELECT id, user_id, lower(secret_hash), created_at FROM api_tokens;
INSERT INTO pingback_businesses (id, name, owner_id, plan, created_at)
    SELECT id, name, owner_user_id, lower(plan), created_at FROM workspaces;
INSERT INTO pingback_members (id, business_id, user_id, role, status, is_active, invited_at)
    SELECT id, workspace_id, user_id, lower(role), lower(status), is_active, invited_at FROM memberships;
INSERT INTO pingback_conversations (id, business_id, customer_id, status, assigned_agent_id, assigned_at, created_at, updated_at)
    SELECT id, workspace_id, customer_id, lower(status), assignee_user_id, assigned_at, created_at, updated_at FROM conversations;
COMMIT;
ANALYZE pingback_users, pingback_tokens, pingback_businesses, pingback_members, pingback_conversations;
