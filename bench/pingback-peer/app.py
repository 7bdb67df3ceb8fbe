"""The PingBack-stack peer of the REST benchmark: GET /api/v1/team/members as PingBack's FastAPI would serve it.

FastAPI + asyncpg from Debian's packages (python3-fastapi, python3-uvicorn, python3-asyncpg), run with Debian's
own /usr/bin/python3 under uvicorn with 2 workers; each worker has its own asyncpg pool. Its tables
(pingback_users, pingback_tokens, pingback_businesses, pingback_members: see seed.sql) live in the bench's
PostgreSQL database next to Switchboard's and hold the same people and tokens, copied after Switchboard is seeded.

Per request, as PingBack's dependencies would do it, on one pooled connection:
  1. token lookup: the bearer token "<id>|<40-char secret>" -> its row; SHA-256 of the secret compared in constant time;
  2. membership lookup: the caller's business (no x-workspace-id header: the one they own, else their only one);
  3. members query: the business's members ordered by invited_at, id, validated and serialised through a
     pydantic response model into the seeds' JSON (id, user_id, email, name, role, status, is_active, invited_at, suspended_at).

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


async def current_business(user_id: UUID = Depends(current_user), conn=Depends(get_conn)) -> UUID:
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
    return chosen["business_id"]


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
    suspended_at: Optional[datetime] = None

    class Config:
        json_encoders = {datetime: _stamp}


MEMBERS_SQL = (
    "SELECT m.id, u.id AS user_id, u.email, u.full_name AS name, m.role, m.status, m.is_active, m.invited_at, "
    "NULL::timestamptz AS suspended_at "  # PingBack has no suspension; the field keeps the two bodies equal
    "FROM pingback_members m JOIN pingback_users u ON u.id = m.user_id "
    "WHERE m.business_id = $1 ORDER BY m.invited_at, m.id"
)


@app.get("/api/v1/team/members", response_model=List[TeamMember])
async def list_members(business_id: UUID = Depends(current_business), conn=Depends(get_conn)):
    return [dict(r) for r in await conn.fetch(MEMBERS_SQL, business_id)]


@app.get("/healthz")
async def healthz() -> str:
    return "ok"
