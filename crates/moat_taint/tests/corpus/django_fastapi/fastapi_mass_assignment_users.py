from typing import Any

from fastapi import Body, FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()


class User:
    def __init__(self, uid: int, email: str):
        self.uid = uid
        self.email = email
        self.nickname = ""
        self.is_admin = False


USERS = {1: User(1, "a@example.com")}


class UserPatch(BaseModel):
    nickname: str | None = None
    email: str | None = None


def _get(uid: int) -> User:
    user = USERS.get(uid)
    if user is None:
        raise HTTPException(status_code=404)
    return user


@app.patch("/users/{uid}")
async def patch_user(uid: int, changes: dict[str, Any] = Body(...)):
    user = _get(uid)
    for name, value in changes.items():
        setattr(user, name, value)  # expect: mass-assignment
    return vars(user)


@app.put("/users/{uid}")
async def put_user(uid: int, patch: UserPatch):
    user = _get(uid)
    for name, value in patch.model_dump(exclude_unset=True).items():
        setattr(user, name, value)  # ok: mass-assignment
    return vars(user)


@app.post("/users/{uid}/prefs")
async def set_prefs(uid: int, prefs: dict = Body(...)):
    user = _get(uid)
    [setattr(user, k, v) for k, v in prefs.items() if not k.startswith("_")]  # expect: mass-assignment
    return vars(user)
