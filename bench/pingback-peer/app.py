"""The PingBack-stack peer of the REST benchmark: GET /api/v1/team/members and POST /api/v1/team/assign/{id} as
PingBack's FastAPI would serve them.

FastAPI + asyncpg from Debian's packages (python3-fastapi, python3-uvicorn, python3-asyncpg), run with Debian's
own /usr/bin/python3 under uvicorn with 2 workers; each worker has its own asyncpg pool. Its tables
(pingback_users, pingback_tokens, pingback_businesses, pingback_members, pingback_conversations: see seed.sql) live in the bench's
PostgreSQL database next to Switchboard's and hold the same people and tokens, copied after Switchboard is seeded.

Per request, as PingBack's dependencies would do it, on one pooled connection:
  1. token lookup: the bearer token "<id>|<40-char secret>" -> its row; SHA-256 of the secret compared in constant time;
  2. membership lookup: the caller's business (no x-workspace-id header: the one they own, else their only one);
  3. members query: the business's members ordered by invited_at, id, validated and serialised through a
     pydantic response model into the seeds' JSON (id, user_id, email, name, role, status, is_active, invited_at).
The assignment (the mix phase's writes) runs steps 1 and 2, then its own transaction: see assign_conversation.

    PEER_DSN=postgresql://postgres:postgres@127.0.0.1:55632/bench_rest_postgres \
      /usr/bin/python3 -m uvicorn app:app --app-dir bench/pingback-peer --workers 2 --port 8000 --no-access-log
"""
import hashlib
import hmac
import os
import sys
from datetime import datetime, timezone
from typing import List, Optional
from uuid import UUID

import asyncpg
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel

DSN = os.environ["PEER_DSN"]
POOL_SIZE = int(os.environ.get("PEER_POOL_SIZE", "10"))

app = FastAPI(title="PingBack peer", docs_url=None, redoc_url=None, openapi_url=None)
pool: Optional[asyncpg.Pool] = None


@app.on_event("startup")
async def open_pool() -> None:
    global pool
    pool = await asyncpg.create_pool(DSN, min_size=POOL_SIZE, max_size=POOL_SIZE)
    # The bench waits for this line from both workers before measuring.
    print(f"pingback-peer worker {os.getpid()} ready", file=sys.stderr, flush=True)


@app.on_event("shutdown")
async def close_pool() -> None:
    if pool is not None:
        await pool.close()


async def get_conn():
    async with pool.acquire() as conn:
        yield conn


def _unauthorized() -> HTTPException:
    return HTTPException(status_code=401, detail="Not authenticated", headers={"WWW-Authenticate": "Bearer"})


async def current_user(authorization: Optional[str] = Header(None), conn=Depends(get_conn)) -> UUID:
    if not authorization or authorization[:7].lower() != "bearer ":
        raise _unauthorized()
    token_id, _, secret = authorization[7:].strip().partition("|")
    if not token_id.isdigit() or len(secret) != 40:
        raise _unauthorized()
    row = await conn.fetchrow(
        "SELECT t.user_id, t.secret_hash FROM pingback_tokens t JOIN pingback_users u ON u.id = t.user_id "
        "WHERE t.id = $1 AND u.is_active",
        int(token_id),
    )
    if row is None or not hmac.compare_digest(row["secret_hash"], hashlib.sha256(secret.encode()).hexdigest()):
        raise _unauthorized()
    return row["user_id"]


async def current_membership(user_id: UUID = Depends(current_user), conn=Depends(get_conn)) -> asyncpg.Record:
    rows = await conn.fetch(
        "SELECT m.business_id, m.role FROM pingback_members m JOIN pingback_businesses b ON b.id = m.business_id "
        "WHERE m.user_id = $1 AND m.is_active LIMIT 50",
        user_id,
    )
    owned = [r for r in rows if r["role"] == "owner"]
    chosen = owned[0] if len(owned) == 1 else rows[0] if len(rows) == 1 else None
    if chosen is None:
        if not rows:
            raise HTTPException(status_code=404, detail="You do not belong to any business yet")
        raise HTTPException(status_code=400, detail="You belong to several businesses")
    return chosen


async def current_business(membership: asyncpg.Record = Depends(current_membership)) -> UUID:
    return membership["business_id"]


def _stamp(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class TeamMember(BaseModel):
    id: UUID
    user_id: UUID
    email: str
    name: str
    role: str
    status: str
    is_active: bool
    invited_at: datetime

    class Config:
        json_encoders = {datetime: _stamp}


MEMBERS_SQL = (
    "SELECT m.id, u.id AS user_id, u.email, u.full_name AS name, m.role, m.status, m.is_active, m.invited_at "
    "FROM pingback_members m JOIN pingback_users u ON u.id = m.user_id "
    "WHERE m.business_id = $1 ORDER BY m.invited_at, m.id"
)


@app.get("/api/v1/team/members", response_model=List[TeamMember])
async def list_members(business_id: UUID = Depends(current_business), conn=Depends(get_conn)):
    return [dict(r) for r in await conn.fetch(MEMBERS_SQL, business_id)]


# The seed's contract (pingback-team-api.txt, "Assign a conversation"): admins only (403), the agent an active
# member of the business (400), an unknown conversation 404, {"message": ...} on success. The conversation is read
# and updated in one transaction, as an ORM session would (SELECT, then UPDATE, then COMMIT). Not done here, and
# done by Switchboard: the conversation_assigned Socket.IO event, an audit row, the workspace lock against routing.
ASSIGN_CONVERSATION_SQL = "SELECT status FROM pingback_conversations WHERE id = $1 AND business_id = $2"
ASSIGN_AGENT_SQL = "SELECT 1 FROM pingback_members WHERE business_id = $1 AND user_id = $2 AND is_active"
ASSIGN_UPDATE_SQL = (
    "UPDATE pingback_conversations SET assigned_agent_id = $2, assigned_at = now(), updated_at = now() WHERE id = $1"
)


class Message(BaseModel):
    message: str


@app.post("/api/v1/team/assign/{conversation_id}", response_model=Message)
async def assign_conversation(
    conversation_id: str,
    agent_id: UUID,
    membership: asyncpg.Record = Depends(current_membership),
    conn=Depends(get_conn),
):
    if membership["role"] not in ("owner", "admin"):
        raise HTTPException(status_code=403, detail="Only admins can assign conversations")
    try:
        conversation = UUID(conversation_id)
    except ValueError:
        raise HTTPException(status_code=404, detail="Conversation not found")
    business_id = membership["business_id"]
    async with conn.transaction():
        status = await conn.fetchval(ASSIGN_CONVERSATION_SQL, conversation, business_id)
        if status is None:
            raise HTTPException(status_code=404, detail="Conversation not found")
        if status in ("resolved", "closed"):
            raise HTTPException(status_code=400, detail=f"Cannot assign a {status} conversation")
        if await conn.fetchval(ASSIGN_AGENT_SQL, business_id, agent_id) is None:
            raise HTTPException(status_code=400, detail="Agent is not a team member")
        await conn.execute(ASSIGN_UPDATE_SQL, conversation, agent_id)
    return {"message": "Conversation assigned successfully"}


@app.get("/healthz")
async def healthz() -> str:
    return "ok"
